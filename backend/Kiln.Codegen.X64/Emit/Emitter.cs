using Iced.Intel;
using Kiln.IR;
using static Kiln.Codegen.X64.CodeTables;

namespace Kiln.Codegen.X64;

/// <summary>
/// x86-64's part of emission (the skeleton is <see cref="EmitterBase{TInst}"/>): the encoding of each
/// <see cref="MInst"/> through Iced (<c>Emitter.Insts.cs</c>, <c>Emitter.Float.cs</c>), moves, spills and reloads,
/// jumps and the two-flag float conditions, and the frame code (<c>Emitter.Frame.cs</c>).
/// </summary>
internal sealed partial class Emitter : EmitterBase<MInst>
{
    private readonly CpuFeatures _features;

    private static readonly Register Scratch = Register.R11;
    private static readonly Register XScratch = Register.XMM15;

    public Emitter(LoweredFunction<MInst> lf, RegAllocResult ra, CpuFeatures features)
        : base(lf, ra, X64Regs.Env, Shape, new AsmBuffer())
    {
        _features = features;
    }

    /// <summary>x86-64's parameters of the shared frame: call pushes the return address, the prologue pushes rbp,
    /// then the callee-saved registers (8 bytes each; no float register is callee-saved).</summary>
    private static readonly FrameShape Shape = new(ReturnAddressSize: 8, SetupAreaSize: 8);

    private AsmBuffer Asm => (AsmBuffer)Buffer;

    // ---- the skeleton's hooks ----

    protected override int SourceInst(in MInst inst) => inst.IrInst;

    protected override bool IsJump(in MInst inst, out int target)
    {
        target = inst.Target;
        return inst.Op == MOp.Jump;
    }

    protected override void EmitJump(Label label) => Asm.Branch(Code.Jmp_rel32_64, label);

    protected override void EmitTrapInstruction(TrapCode code)
    {
        Asm.AddTrap(code);
        Asm.Add(Code.Ud2);
    }

    protected override void EmitRegMove(RegClass cls, PReg to, PReg from)
    {
        if (cls == RegClass.Float) Asm.Add(Instruction.Create(Code.Movaps_xmm_xmmm128, X64Regs.XmmReg(to.HwEnc), X64Regs.XmmReg(from.HwEnc)));
        else Asm.Add(Instruction.Create(Code.Mov_r64_rm64, X64Regs.Gpr(to.HwEnc, 8), X64Regs.Gpr(from.HwEnc, 8)));
    }

    protected override void EmitReload(RegClass cls, PReg to, int spOffset)
    {
        var mem = new MemoryOperand(Register.RSP, spOffset);
        if (cls == RegClass.Float) Asm.Add(Instruction.Create(Code.Movups_xmm_xmmm128, X64Regs.XmmReg(to.HwEnc), mem));
        else Asm.Add(Instruction.Create(Code.Mov_r64_rm64, X64Regs.Gpr(to.HwEnc, 8), mem));
    }

    protected override void EmitSpill(RegClass cls, int spOffset, PReg from)
    {
        var mem = new MemoryOperand(Register.RSP, spOffset);
        if (cls == RegClass.Float) Asm.Add(Instruction.Create(Code.Movups_xmmm128_xmm, mem, X64Regs.XmmReg(from.HwEnc)));
        else Asm.Add(Instruction.Create(Code.Mov_rm64_r64, mem, X64Regs.Gpr(from.HwEnc, 8)));
    }

    // ---- operand access ----

    private Register G(int k, int size) => X64Regs.Gpr(Reg(k).HwEnc, size);
    private Register X(int k) => X64Regs.XmmReg(Reg(k).HwEnc);

    private MemoryOperand Mem(in MInst m)
    {
        var b = G(m.Base, 8);
        var ix = m.Index >= 0 ? G(m.Index, 8) : Register.None;
        int dsz = m.Disp == 0 ? 0 : m.Disp == (sbyte)m.Disp ? 1 : 8; // Iced: 8 = a 32-bit displacement in 64-bit addressing
        return new MemoryOperand(b, ix, m.Scale, m.Disp, dsz);
    }

    private void AddTrapping(in Instruction inst, TrapCode code)
    {
        if (code != TrapCode.None) Asm.AddTrap(code);
        Asm.Add(inst);
    }

    /// <summary>A PC-relative relocation to callee <paramref name="callee"/>, <paramref name="delta"/> bytes into the next instruction.</summary>
    private void AddCalleeReloc(int delta, int callee)
    {
        var f = Lowered.Callees[callee];
        Asm.AddReloc(delta, RelocKind.X64PcRel32, f.Name, f.IsLibCall, -4);
    }

    // ---- small emit helpers ----

    private void AluImm(AluOp op, Register r, long imm, int size)
    {
        bool small = imm == (sbyte)imm;
        var code = size == 8 ? (small ? AluRI8_64 : AluRI32_64)[(int)op] : (small ? AluRI8_32 : AluRI32_32)[(int)op];
        Asm.Add(Instruction.Create(code, r, (int)imm));
    }

    private void MovImm(Register r32or64, long imm, int size)
    {
        if (size == 4 || (ulong)imm <= uint.MaxValue)
            Asm.Add(Instruction.Create(Code.Mov_r32_imm32, ToGpr32(r32or64), (uint)imm));
        else if (imm == (int)imm)
            Asm.Add(Instruction.Create(Code.Mov_rm64_imm32, ToGpr64(r32or64), (int)imm));
        else
            Asm.Add(Instruction.Create(Code.Mov_r64_imm64, ToGpr64(r32or64), (ulong)imm));
    }

    private static Register ToGpr32(Register r) => r.GetSize() == 4 ? r : Register.EAX + (r.GetNumber());
    private static Register ToGpr64(Register r) => r.GetSize() == 8 ? r : Register.RAX + (r.GetNumber());

    /// <summary>Loads IEEE bits into a float register through the integer scratch.</summary>
    private void LoadFloatBits(Register xmm, ulong bits, int size)
    {
        if (bits == 0)
        {
            Asm.Add(Instruction.Create(Code.Xorps_xmm_xmmm128, xmm, xmm));
            return;
        }
        if (size == 4)
        {
            Asm.Add(Instruction.Create(Code.Mov_r32_imm32, Register.R11D, (uint)bits));
            Asm.Add(Instruction.Create(Code.Movd_xmm_rm32, xmm, Register.R11D));
        }
        else
        {
            MovImm(Scratch, (long)bits, 8);
            Asm.Add(Instruction.Create(Code.Movq_xmm_rm64, xmm, Scratch));
        }
    }

    private void Mov(Register dst, Register src, int size)
    {
        if (dst == src) return;
        Asm.Add(Instruction.Create(size == 8 ? Code.Mov_r64_rm64 : Code.Mov_r32_rm32, dst, src));
    }

    private void MovX(Register dst, Register src)
    {
        if (dst != src) Asm.Add(Instruction.Create(Code.Movaps_xmm_xmmm128, dst, src));
    }

    // ---- conditions and branches ----

    private void EmitFlags(in MInst m)
    {
        int a = m.FlagsAt;
        int sz = m.Size2;
        switch (m.Flags)
        {
            case FlagsKind.Test:
                Asm.Add(Instruction.Create(sz == 8 ? Code.Test_rm64_r64 : Code.Test_rm32_r32, G(a, sz), G(a, sz)));
                break;
            case FlagsKind.Cmp:
                Asm.Add(Instruction.Create(sz == 8 ? Code.Cmp_rm64_r64 : Code.Cmp_rm32_r32, G(a, sz), G(a + 1, sz)));
                break;
            case FlagsKind.CmpImm:
                AluImm(AluOp.Cmp, G(a, sz), m.Imm, sz);
                break;
            case FlagsKind.Ucomi:
                Asm.Add(Instruction.Create(sz == 8 ? Code.Ucomisd_xmm_xmmm64 : Code.Ucomiss_xmm_xmmm32, X(a), X(a + 1)));
                break;
            default:
                throw new InvalidOperationException("no flags");
        }
    }

    /// <summary>Jumps to <paramref name="label"/> when <paramref name="cc"/> holds; falls through otherwise.</summary>
    private void JumpIf(Cc cc, Label label)
    {
        switch (cc)
        {
            case Cc.FEq:
            {
                var skip = Asm.NewLabel();
                Asm.Branch(Code.Jp_rel32_64, skip);
                Asm.Branch(Code.Je_rel32_64, label);
                Asm.Bind(skip);
                break;
            }
            case Cc.FNe:
                Asm.Branch(Code.Jp_rel32_64, label);
                Asm.Branch(Code.Jne_rel32_64, label);
                break;
            default:
                Asm.Branch(Jcc[(int)cc], label);
                break;
        }
    }

    private void CondBranch(Cc cc, int thenBlock, int elseBlock)
    {
        var plan = PlanCondBranch(thenBlock, elseBlock);
        JumpIf(plan.Invert ? cc.Invert() : cc, plan.Label);
        if (plan.HasJump) EmitJump(plan.JumpLabel);
    }
}
