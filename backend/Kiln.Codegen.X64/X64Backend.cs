using Kiln.IR;

namespace Kiln.Codegen.X64;

/// <summary>Compiles one IR function to x86-64 machine code: lower, allocate registers, emit.</summary>
public static class X64Backend
{
    public static CompiledFunction Compile(Function f, CompileOptions? options = null)
    {
        options ??= CompileOptions.Default;
        var lowered = Lowerer.Lower(f, options);
        var ra = RegAllocator.Allocate(lowered.Code, X64Regs.Env);
        return new Emitter(lowered, ra, options).Run(f.Name);
    }

    /// <summary>Instruction selection only (for inspecting VCode in tests and tools).</summary>
    public static LoweredFunction Lower(Function f, CompileOptions? options = null) => Lowerer.Lower(f, options ?? CompileOptions.Default);
}
