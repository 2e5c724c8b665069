using Kiln.IR;

namespace Kiln.Codegen.Arm64;

/// <summary>The AArch64 target on the shared pipeline (<see cref="TargetBackend{TInst}"/>): its lowering and emitter,
/// AAPCS64-based registers and convention, Capstone's disassembler. The base ARMv8.0-A ISA is all the code uses (no
/// optional features yet).</summary>
public sealed class A64Target : TargetBackend<AInst>
{
    public static A64Target Instance { get; } = new();

    private A64Target()
    {
    }

    public override Architecture Architecture => Architecture.AArch64;
    public override string Name => "aarch64";
    public override MachineEnv MachineEnv => A64Regs.Env;
    public override CallingConvention CallingConvention => A64CallConv.Instance;

    public override LoweredFunction<AInst> Lower(Function f, CpuFeatures features) => Lowerer.Lower(f);

    protected override EmitterBase<AInst> CreateEmitter(LoweredFunction<AInst> lowered, RegAllocResult alloc, CpuFeatures features) =>
        new Emitter(lowered, alloc);

    public override IInstFormatter<AInst> InstFormatter => A64InstFormatter.Instance;

    public override CpuFeatures BaselineFeatures => CpuFeatures.None;
    public override CpuFeatures DefaultFeatures => CpuFeatures.None;
    public override IReadOnlyList<string> FeatureNames => [];
    public override CpuFeatures HostFeatures() => CpuFeatures.None;

    /// <summary>udf #0 words: a stray jump into padding traps instead of running on.</summary>
    public override void FillPadding(Span<byte> gap) => gap.Clear();

    public override List<DecodedInstruction> Disassemble(byte[] code, int start, int length, long address, bool pcRelativeAsTarget) =>
        A64Disassembler.Disassemble(code, start, length, address);
}
