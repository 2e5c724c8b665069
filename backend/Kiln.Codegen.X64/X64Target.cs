using Kiln.IR;

namespace Kiln.Codegen.X64;

/// <summary>The x86-64 target on the shared pipeline (<see cref="TargetBackend{TInst}"/>): its lowering and emitter,
/// its registers and convention, its features and Iced's disassembler.</summary>
public sealed class X64Target : TargetBackend<MInst>
{
    public static X64Target Instance { get; } = new();

    private X64Target()
    {
    }

    public override Architecture Architecture => Architecture.X86_64;
    public override string Name => "x86_64";
    public override MachineEnv MachineEnv => X64Regs.Env;
    public override CallingConvention CallingConvention => X64CallConv.Instance;

    public override LoweredFunction<MInst> Lower(Function f, CpuFeatures features) => Lowerer.Lower(f, features);

    protected override EmitterBase<MInst> CreateEmitter(LoweredFunction<MInst> lowered, RegAllocResult alloc, CpuFeatures features) =>
        new Emitter(lowered, alloc, features);

    public override IInstFormatter<MInst> InstFormatter => X64InstFormatter.Instance;

    public override CpuFeatures BaselineFeatures => X64Features.Baseline;
    public override CpuFeatures DefaultFeatures => X64Features.Default;
    public override IReadOnlyList<string> FeatureNames => X64Features.Names;
    public override CpuFeatures HostFeatures() => X64Features.Host();

    /// <summary>int3: a stray jump into padding traps instead of running on.</summary>
    public override void FillPadding(Span<byte> gap) => gap.Fill(0xCC);

    public override List<DecodedInstruction> Disassemble(byte[] code, int start, int length, long address, bool pcRelativeAsTarget) =>
        X64Disassembler.Disassemble(code, start, length, address, pcRelativeAsTarget);
}
