using Kiln.Compiler.Driver;
using Kiln.Compiler.VmContext;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>Compiles a validated module for an engine and loads the code.</summary>
internal static class Compilation
{
    public static LoadedCode CompileAndLoad(Engine engine, Kiln.Wasm.Model.WasmModule module, VmContextLayout layout,
        CancellationToken cancellation = default) =>
        new(Compile(engine, module, layout, cancellation));

    /// <summary>Compiles for this host with the engine's settings, without loading.</summary>
    public static CompiledModule Compile(Engine engine, Kiln.Wasm.Model.WasmModule module, VmContextLayout layout,
        CancellationToken cancellation = default)
    {
        var target = Targets.Host;
        var options = new ModuleCompilerOptions { Target = target, Threads = engine.Config.CompilationThreads, Features = target.NativeFeatures(),
            ConsumeFuel = engine.Config.ConsumeFuel, EpochInterruption = engine.Config.EpochInterruption,
            CompileTimeout = engine.Config.CompileTimeout, MaxCompileMemory = engine.Config.MaxCompileMemory, CancellationToken = cancellation };
        engine.CountCompilation();
        return ModuleCompiler.Compile(module, layout, options);
    }

}
