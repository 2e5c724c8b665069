using Kiln.IR;

namespace Kiln.Codegen.Arm64;

/// <summary>The AArch64 target: <see cref="A64Backend"/>, AAPCS64-based registers and convention, Capstone's
/// disassembler. The base ARMv8.0-A ISA is all the code uses (no optional features yet).</summary>
public sealed class A64Target : TargetIsa
{
    public static A64Target Instance { get; } = new();

    private A64Target()
    {
    }

    public override Architecture Architecture => Architecture.AArch64;
    public override string Name => "aarch64";
    public override MachineEnv MachineEnv => A64Regs.Env;
    public override CallingConvention CallingConvention => A64CallConv.Instance;

    public override CompiledFunction Compile(Function f, CpuFeatures features) => A64Backend.Compile(f);

    public override string PrintVCode(Function f, CpuFeatures features, bool allocated)
    {
        var lowered = A64Backend.Lower(f);
        var ra = allocated ? RegAllocator.Allocate(lowered.Code, A64Regs.Env) : null;
        return VCodePrinter.Print(lowered.Code, A64InstFormatter.Instance, ra);
    }

    public override CpuFeatures BaselineFeatures => CpuFeatures.None;
    public override CpuFeatures DefaultFeatures => CpuFeatures.None;
    public override IReadOnlyList<string> FeatureNames => [];
    public override CpuFeatures HostFeatures() => CpuFeatures.None;

    /// <summary>udf #0 words: a stray jump into padding traps instead of running on.</summary>
    public override void FillPadding(Span<byte> gap) => gap.Clear();

    public override List<DecodedInstruction> Disassemble(byte[] code, int start, int length, long address, bool pcRelativeAsTarget) =>
        A64Disassembler.Disassemble(code, start, length, address);
}
