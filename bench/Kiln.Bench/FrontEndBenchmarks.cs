using BenchmarkDotNet.Attributes;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Validation;

namespace Kiln.Bench;

/// <summary>Decode and validate a generated module of about 10 MB (see <see cref="LargeModuleGenerator"/>).</summary>
[MemoryDiagnoser]
public class FrontEndBenchmarks
{
    private byte[] _bytes = [];

    [Params(10)]
    public int Megabytes { get; set; }

    [GlobalSetup]
    public void Setup() => _bytes = LargeModuleGenerator.Generate(Megabytes << 20);

    [Benchmark]
    public int Decode() => ModuleDecoder.Decode(_bytes).Codes.Count;

    [Benchmark]
    public int DecodeAndValidate()
    {
        var m = ModuleDecoder.Decode(_bytes);
        ModuleValidator.Validate(m);
        return m.Codes.Count;
    }
}
