using BenchmarkDotNet.Attributes;
using Kiln.Reference;
using Kiln.Runtime;

namespace Kiln.Bench;

/// <summary>
/// Loading a precompiled module and instantiating it, Kiln beside Wasmtime 50.0.1 (issue 18 item 5), on the same wasm:
/// Kiln's <see cref="Module.FromArtifact(Engine, ReadOnlyMemory{byte}, Kiln.Compiler.Artifacts.ArtifactLoadOptions?)"/>
/// (digest, ELF, compatibility record, module decode, code tables, code into executable pages) from bytes in memory and
/// from the file (mapped), against Wasmtime's <c>wasmtime_module_deserialize</c> (which checks a header and trusts the
/// rest); then a fresh store and instance of each (no imports; the large module has memory, table and globals).
/// Run: <c>Kiln.Bench.dll --filter '*LoadBenchmarks*' --inProcess --job short</c> (bench/README.md, "Loading").
/// </summary>
[MinColumn, MedianColumn]
public class LoadBenchmarks
{
    /// <summary>Target size of the generated module (LargeModuleGenerator), in KiB.</summary>
    [Params(64, 4096)]
    public int SizeKiB { get; set; }

    private Engine _engine = null!;
    private Module _kilnModule = null!;
    private byte[] _kilnArtifact = null!;
    private string _kilnFile = null!;
    private WasmtimeEngine _wasmtime = null!;
    private WasmtimeModule _wasmtimeModule = null!;
    private WasmtimeLinker _wasmtimeLinker = null!;
    private byte[] _wasmtimeArtifact = null!;
    private Linker _linker = null!;

    [GlobalSetup]
    public void Setup()
    {
        byte[] wasm = LargeModuleGenerator.Generate(SizeKiB << 10);
        _engine = new Engine();
        _linker = new Linker(_engine);
        using (var compiled = new Module(_engine, wasm)) _kilnArtifact = compiled.Serialize();
        _kilnFile = Path.Combine(Path.GetTempPath(), $"kiln-load-bench-{Environment.ProcessId}-{SizeKiB}.kiln");
        File.WriteAllBytes(_kilnFile, _kilnArtifact);
        _kilnModule = Module.FromArtifact(_engine, _kilnArtifact);
        _wasmtime = new WasmtimeEngine();
        _wasmtimeLinker = new WasmtimeLinker(_wasmtime);
        using (var compiled = WasmtimeModule.Compile(_wasmtime, wasm)) _wasmtimeArtifact = compiled.Serialize();
        _wasmtimeModule = WasmtimeModule.Deserialize(_wasmtime, _wasmtimeArtifact);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _kilnModule.Dispose();
        _wasmtimeModule.Dispose();
        _wasmtimeLinker.Dispose();
        _wasmtime.Dispose();
        File.Delete(_kilnFile);
    }

    [Benchmark(Baseline = true)]
    public void WasmtimeDeserialize()
    {
        using var m = WasmtimeModule.Deserialize(_wasmtime, _wasmtimeArtifact);
    }

    [Benchmark]
    public void KilnLoadBytes()
    {
        using var m = Module.FromArtifact(_engine, _kilnArtifact);
    }

    [Benchmark]
    public void KilnLoadFile()
    {
        using var m = Module.FromArtifact(_engine, _kilnFile);
    }

    [Benchmark]
    public void WasmtimeInstantiate()
    {
        using var store = new WasmtimeStore(_wasmtime);
        _wasmtimeLinker.Instantiate(store, _wasmtimeModule);
    }

    [Benchmark]
    public void KilnInstantiate()
    {
        using var store = new Store(_engine);
        _linker.Instantiate(store, _kilnModule);
    }
}
