namespace Kiln.Codegen.X64;

/// <summary>x86-64's parameters of the shared <see cref="FrameLayout"/>: call pushes the return address, the
/// prologue pushes rbp, then the callee-saved registers (8 bytes each; no float register is callee-saved).</summary>
internal static class X64Frame
{
    public static FrameLayout Layout(LoweredFunction<MInst> lf, RegAllocResult ra) =>
        new(X64Regs.Env, ra.CalleeSavedUsed, ra.SpillSlotCounts, lf.OutgoingBytes, lf.StackSlots, returnAddressSize: 8, setupAreaSize: 8);
}
