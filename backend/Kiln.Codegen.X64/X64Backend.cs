using Kiln.IR;

namespace Kiln.Codegen.X64;

/// <summary>Compiles one IR function to x86-64 machine code: lower, allocate registers, emit.</summary>
public static class X64Backend
{
    /// <param name="features">Extensions the code may use (default <see cref="X64Features.Default"/>; SSE4.1 and
    /// POPCNT are always required).</param>
    /// <exception cref="UnsupportedFeatureException">The function uses something x86-64 code cannot do yet (SIMD).</exception>
    public static CompiledFunction Compile(Function f, CpuFeatures? features = null)
    {
        var lowered = Lower(f, features);
        var ra = RegAllocator.Allocate(lowered.Code, X64Regs.Env);
        return new Emitter(lowered, ra, features ?? X64Features.Default).Run(f.Name);
    }

    /// <summary>Instruction selection only (for inspecting VCode in tests and tools).</summary>
    public static LoweredFunction<MInst> Lower(Function f, CpuFeatures? features = null) => Lowerer.Lower(f, features ?? X64Features.Default);
}
