using Kiln.IR;

namespace Kiln.Codegen.Arm64;

/// <summary>Compiles one IR function to AArch64 machine code: lower, allocate registers, emit.</summary>
public static class A64Backend
{
    /// <exception cref="UnsupportedFeatureException">The function uses something AArch64 code cannot do yet (SIMD).</exception>
    public static CompiledFunction Compile(Function f)
    {
        var lowered = Lower(f);
        var ra = RegAllocator.Allocate(lowered.Code, A64Regs.Env);
        return new Emitter(lowered, ra).Run(f.Name);
    }

    /// <summary>Instruction selection only (for inspecting VCode in tests and tools).</summary>
    public static LoweredFunction<AInst> Lower(Function f) => Lowerer.Lower(f);
}
