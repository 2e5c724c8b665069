using Kiln.Codegen.X64;
using Kiln.Compiler.Driver;
using Kiln.Compiler.VmContext;
using Kiln.Wasm.Model;
using X86 = System.Runtime.Intrinsics.X86;

namespace Kiln.Runtime;

/// <summary>Compiles a validated module for an engine and loads the code.</summary>
internal static class Compilation
{
    public static LoadedCode CompileAndLoad(Engine engine, Kiln.Wasm.Model.WasmModule module, VmContextLayout layout)
    {
        var options = new ModuleCompilerOptions
        {
            Threads = engine.Config.CompilationThreads,
            Features = HostFeatures(),
            ConsumeFuel = engine.Config.ConsumeFuel,
            EpochInterruption = engine.Config.EpochInterruption,
        };
        return new LoadedCode(ModuleCompiler.Compile(module, layout, options));
    }

    /// <summary>What this machine offers of the optional extensions.</summary>
    public static CpuFeatures HostFeatures()
    {
        var f = CpuFeatures.Baseline;
        if (X86.Lzcnt.IsSupported) f |= CpuFeatures.Lzcnt;
        if (X86.Bmi1.IsSupported) f |= CpuFeatures.Bmi1;
        return f;
    }
}
