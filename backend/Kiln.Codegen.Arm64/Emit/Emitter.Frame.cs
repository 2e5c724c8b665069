using Kiln.IR;
using static Kiln.Codegen.Arm64.A64Enc;

namespace Kiln.Codegen.Arm64;

/// <summary>
/// AArch64 frame code: <c>stp x29, x30, [sp, #-16]!; mov x29, sp</c> (a frame record, so backtraces walk
/// [fp] = caller's fp, [fp + 8] = return address as on x86-64), <c>sub sp</c> for the saves and the rest of the frame,
/// then the stack-limit check the IR asks for (<see cref="Function.StackLimit"/>: its loads from the parameter through
/// x16, <c>cmp sp, x16; b.lo</c> a stack_overflow trap), then the callee-saved stores. The epilogue reverses it.
/// </summary>
internal sealed partial class Emitter
{
    private int BelowRecord => Frame.CalleeSaveAreaSize + Frame.AllocatedBytes;

    protected override void EmitPrologue()
    {
        Put(Pair(A64.StpXPre, Fp, A64Regs.Lr, Sp, -16));
        Put(AddSubImm(A64.AddImm, true, Fp, Sp, 0));
        if (BelowRecord > 0) AddImm(Sp, Sp, -BelowRecord);
        EmitStackLimitCheck();
        for (int k = 0; k < Frame.Saved.Length; k++)
            FrameAccess(Frame.Saved[k].Class == RegClass.Float ? A64.StrD : A64.StrX, Frame.Saved[k].HwEnc, Sp, Frame.SaveOffset(k));
    }

    protected override void EmitStackCheck(PReg start, ReadOnlySpan<long> loads, Label overflow)
    {
        int reg = start.HwEnc;
        foreach (long off in loads)
        {
            FrameAccess(A64.LdrX, Ip0, reg, off);
            reg = Ip0;
        }
        // cmp sp, reg (the extended form reads SP as register 31).
        Put(Ext(A64.SubsExt, true, Zr, Sp, reg, option: 3));
        BCondTo(Cond.Lo, overflow);
    }

    private void EmitEpilogue()
    {
        for (int k = 0; k < Frame.Saved.Length; k++)
            FrameAccess(Frame.Saved[k].Class == RegClass.Float ? A64.LdrD : A64.LdrX, Frame.Saved[k].HwEnc, Sp, Frame.SaveOffset(k));
        if (BelowRecord > 0) Put(AddSubImm(A64.AddImm, true, Sp, Fp, 0));
        Put(Pair(A64.LdpXPost, Fp, A64Regs.Lr, Sp, 16));
        Put((uint)A64.Ret);
    }
}
