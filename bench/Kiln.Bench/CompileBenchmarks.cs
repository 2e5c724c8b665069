using BenchmarkDotNet.Attributes;
using Kiln.Runtime;

namespace Kiln.Bench;

/// <summary>Compile time of a generated module with about 1 MB of code, on one thread and on all cores.</summary>
public class CompileBenchmarks
{
    private byte[] _bytes = [];

    [Params(1, 0)] // 0: one thread per core
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => _bytes = LargeModuleGenerator.Generate(1 << 20);

    [Benchmark]
    public void Compile()
    {
        var engine = new Engine(new EngineConfig { CompilationThreads = Threads == 0 ? Environment.ProcessorCount : Threads });
        using var module = new Module(engine, _bytes);
    }
}
