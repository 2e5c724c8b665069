using Iced.Intel;
using Kiln.IR;

namespace Kiln.Codegen.X64;

/// <summary>
/// x86-64 frame code: <c>push rbp; mov rbp, rsp</c>, pushes of the callee-saved registers, <c>sub rsp</c>, then the
/// stack-limit check the IR asks for (<see cref="Function.StackLimit"/>): follow its loads from the parameter
/// (through r11) and trap with stack_overflow when rsp is below the limit. The epilogue undoes it before ret.
/// </summary>
internal sealed partial class Emitter
{
    protected override void EmitPrologue()
    {
        Asm.Add(Instruction.Create(Code.Push_r64, Register.RBP));
        Asm.Add(Instruction.Create(Code.Mov_r64_rm64, Register.RBP, Register.RSP));
        foreach (var r in Frame.Saved) Asm.Add(Instruction.Create(Code.Push_r64, X64Regs.Gpr(r.HwEnc, 8)));
        if (Frame.AllocatedBytes > 0) AluImm(AluOp.Sub, Register.RSP, Frame.AllocatedBytes, 8);
        EmitStackLimitCheck();
    }

    protected override void EmitStackCheck(PReg start, ReadOnlySpan<long> loads, Label overflow)
    {
        var reg = X64Regs.Gpr(start.HwEnc, 8);
        if (loads.Length == 0)
        {
            Asm.Add(Instruction.Create(Code.Cmp_r64_rm64, Register.RSP, reg));
        }
        else
        {
            for (int k = 0; k < loads.Length - 1; k++)
            {
                Asm.Add(Instruction.Create(Code.Mov_r64_rm64, Register.R11, new MemoryOperand(reg, checked((int)loads[k]))));
                reg = Register.R11;
            }
            Asm.Add(Instruction.Create(Code.Cmp_r64_rm64, Register.RSP, new MemoryOperand(reg, checked((int)loads[^1]))));
        }
        Asm.Branch(Code.Jb_rel32_64, overflow);
    }

    private void EmitEpilogue()
    {
        if (Frame.AllocatedBytes > 0) AluImm(AluOp.Add, Register.RSP, Frame.AllocatedBytes, 8);
        for (int k = Frame.Saved.Length - 1; k >= 0; k--) Asm.Add(Instruction.Create(Code.Pop_r64, X64Regs.Gpr(Frame.Saved[k].HwEnc, 8)));
        Asm.Add(Instruction.Create(Code.Pop_r64, Register.RBP));
        Asm.Add(Code.Retnq);
    }
}
