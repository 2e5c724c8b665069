using Kiln.IR;
using static Kiln.Codegen.Arm64.A64Enc;

namespace Kiln.Codegen.Arm64;

/// <summary>
/// AArch64's part of emission (the skeleton is <see cref="EmitterBase{TInst}"/>): each <see cref="AInst"/> encoded
/// by <see cref="A64Enc"/> into a <see cref="CodeBuffer"/> (<c>Emitter.Insts.cs</c>, <c>Emitter.Float.cs</c>), moves,
/// spills and reloads, branches with label fix-ups, and the frame code (<c>Emitter.Frame.cs</c>).
/// </summary>
internal sealed partial class Emitter : EmitterBase<AInst>
{
    private const int Ip0 = A64Regs.Ip0, Ip1 = A64Regs.Ip1, Zr = A64Regs.Zr, Sp = A64Regs.Sp, Fp = A64Regs.Fp, VS = A64Regs.VScratch;

    /// <summary>AArch64's parameters of the shared frame: no pushed return address (it is in LR), a 16-byte setup
    /// area (the frame record: fp, lr), 8 bytes per saved float register (only d8-d15's low halves are preserved).</summary>
    private static readonly FrameShape Shape = new(ReturnAddressSize: 0, SetupAreaSize: 16, FloatSaveSize: 8);

    public Emitter(LoweredFunction<AInst> lf, RegAllocResult ra)
        : base(lf, ra, A64Regs.Env, Shape, new CodeBuffer())
    {
    }

    private CodeBuffer Code => (CodeBuffer)Buffer;

    private void Put(uint word) => Code.Put4(word);

    // ---- the skeleton's hooks ----

    protected override int SourceInst(in AInst inst) => inst.IrInst;

    protected override bool IsJump(in AInst inst, out int target)
    {
        target = inst.Target;
        return inst.Op == AOp.Jump;
    }

    protected override void EmitJump(Label label)
    {
        Code.UseLabel(Code.Offset, label, LabelUseKind.Arm64Branch26);
        Put((uint)A64.B);
    }

    protected override void EmitTrapInstruction(TrapCode code)
    {
        Buffer.AddTrap(code);
        Put(Udf(code.Raw));
    }

    protected override void EmitRegMove(RegClass cls, PReg to, PReg from) => Move(cls, to.HwEnc, from.HwEnc);

    protected override void EmitReload(RegClass cls, PReg to, int spOffset) =>
        FrameAccess(cls == RegClass.Float ? A64.LdrD : A64.LdrX, to.HwEnc, Sp, spOffset);

    protected override void EmitSpill(RegClass cls, int spOffset, PReg from) =>
        FrameAccess(cls == RegClass.Float ? A64.StrD : A64.StrX, from.HwEnc, Sp, spOffset);

    // ---- operand access ----

    private int R(int k) => Reg(k).HwEnc;

    private void Move(RegClass cls, int to, int from)
    {
        if (to == from) return;
        if (cls == RegClass.Float) Put(FRr(A64.FmovReg, true, to, from));
        else Put(Rrr(A64.OrrReg, true, to, Zr, from));
    }

    /// <summary>A load or store at <paramref name="baseReg"/> + <paramref name="offset"/> (SP or FP based), any offset.</summary>
    private void FrameAccess(A64 op, int rt, int baseReg, long offset)
    {
        if (FitsScaled(op, offset)) Put(LdStImm(op, rt, baseReg, offset));
        else if (offset is >= -256 and < 256) Put(LdStUnscaled(op, rt, baseReg, offset));
        else
        {
            MovImm(Ip1, offset, true);
            Put(LdStReg(op, rt, baseReg, Ip1));
        }
    }

    /// <summary>rd = rn + imm for any imm (rn and rd may be SP); uses x17 for a large one.</summary>
    private void AddImm(int rd, int rn, long imm)
    {
        var op = imm < 0 ? A64.SubImm : A64.AddImm;
        long a = Math.Abs(imm);
        if (a < 4096) Put(AddSubImm(op, true, rd, rn, (int)a));
        else if (a < 1 << 24)
        {
            Put(AddSubImm(op, true, rd, rn, (int)(a >> 12), shift12: true));
            if ((a & 0xFFF) != 0) Put(AddSubImm(op, true, rd, rd, (int)(a & 0xFFF)));
        }
        else
        {
            MovImm(Ip1, imm, true);
            Put(Ext(A64.AddExt, true, rd, rn, Ip1, option: 3));
        }
    }

    /// <summary>Materializes a constant: one orr with a bitmask immediate, or movz/movn plus movk per other chunk.</summary>
    private void MovImm(int rd, long imm, bool x)
    {
        ulong v = x ? (ulong)imm : (uint)imm;
        int chunks = x ? 4 : 2;
        int zeros = 0, ones = 0;
        for (int k = 0; k < chunks; k++)
        {
            ulong c = (v >> (16 * k)) & 0xFFFF;
            if (c == 0) zeros++;
            else if (c == 0xFFFF) ones++;
        }
        if (zeros < chunks - 1 && ones < chunks - 1 && LogicalImmediate(v, x, out uint enc))
        {
            Put(LogImm(A64.OrrImm, x, rd, Zr, enc));
            return;
        }
        bool inverted = ones > zeros;
        ulong skip = inverted ? 0xFFFFUL : 0;
        bool first = true;
        for (int k = 0; k < chunks; k++)
        {
            ulong c = (v >> (16 * k)) & 0xFFFF;
            if (c == skip) continue;
            if (first) Put(MoveWide(inverted ? A64.Movn : A64.Movz, x, rd, (int)(inverted ? ~c & 0xFFFF : c), k));
            else Put(MoveWide(A64.Movk, x, rd, (int)c, k));
            first = false;
        }
        if (first) Put(MoveWide(inverted ? A64.Movn : A64.Movz, x, rd, 0, 0));
    }

    private void AddCalleeReloc(int callee)
    {
        var f = Lowered.Callees[callee];
        Buffer.AddReloc(0, RelocKind.Arm64Call26, f.Name, f.IsLibCall, 0);
    }

    // ---- conditions and branches ----

    /// <summary>Sets the flags for the compare at <see cref="AInst.FlagsAt"/>.</summary>
    private void EmitFlags(in AInst m)
    {
        int a = m.FlagsAt;
        bool x = m.Size2 == 8;
        switch (m.Flags)
        {
            case FlagsKind.Zero:
                Put(AddSubImm(A64.SubsImm, x, Zr, R(a), 0));
                break;
            case FlagsKind.Cmp:
                Put(Rrr(A64.SubsReg, x, Zr, R(a), R(a + 1)));
                break;
            case FlagsKind.CmpImm:
                CmpImm(R(a), m.Imm, x);
                break;
            case FlagsKind.FCmp:
                Put(Fcmp(x, R(a), R(a + 1)));
                break;
            default:
                throw new InvalidOperationException("no flags");
        }
    }

    private void CmpImm(int rn, long imm, bool x)
    {
        bool neg = imm < 0;
        long a = neg ? -imm : imm;
        bool shift = a >= 4096;
        Put(AddSubImm(neg ? A64.AddsImm : A64.SubsImm, x, Zr, rn, (int)(shift ? a >> 12 : a), shift));
    }

    /// <summary>Branches to <paramref name="label"/> when the condition of <paramref name="m"/> (<paramref name="invert"/>ed) holds:
    /// cbz/cbnz for a compare with zero, else the flags and b.cond.</summary>
    private void BranchIf(in AInst m, bool invert, Label label)
    {
        var cond = invert ? m.Cond.Invert() : m.Cond;
        if (m.Flags == FlagsKind.Zero && cond is Cond.Eq or Cond.Ne)
        {
            Code.UseLabel(Code.Offset, label, LabelUseKind.Arm64Branch19);
            Put(Cbz(cond == Cond.Eq ? A64.Cbz : A64.Cbnz, m.Size2 == 8, R(m.FlagsAt), 0));
            return;
        }
        EmitFlags(m);
        BCondTo(cond, label);
    }

    private void BCondTo(Cond cond, Label label)
    {
        Code.UseLabel(Code.Offset, label, LabelUseKind.Arm64Branch19);
        Put(BCond(cond, 0));
    }

    private void CbzTo(bool nonZero, bool x, int reg, Label label)
    {
        Code.UseLabel(Code.Offset, label, LabelUseKind.Arm64Branch19);
        Put(Cbz(nonZero ? A64.Cbnz : A64.Cbz, x, reg, 0));
    }
}
