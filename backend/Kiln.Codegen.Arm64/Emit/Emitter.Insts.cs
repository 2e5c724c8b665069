using Kiln.IR;
using static Kiln.Codegen.Arm64.A64Enc;

namespace Kiln.Codegen.Arm64;

internal sealed partial class Emitter
{
    // AluOp -> the register form (Rol has none: it is a ror by the negated count).
    private static readonly A64[] AluReg =
        [A64.AddReg, A64.SubReg, A64.AndReg, A64.OrrReg, A64.EorReg, A64.Lslv, A64.Lsrv, A64.Asrv, A64.Rorv, A64.Rorv, A64.Madd];
    private static readonly A64[] LogicalImm = [0, 0, A64.AndImm, A64.OrrImm, A64.EorImm];

    // Loads by LoadOp, for an integer result of 4 / 8 bytes.
    private static readonly A64[] Load32 = [A64.LdrW, A64.Ldrb, A64.LdrsbW, A64.Ldrh, A64.LdrshW, A64.LdrW, A64.LdrW];
    private static readonly A64[] Load64 = [A64.LdrX, A64.Ldrb, A64.LdrsbX, A64.Ldrh, A64.LdrshX, A64.LdrW, A64.Ldrsw];

    protected override void EmitInst(in AInst m)
    {
        bool x = m.Size == 8;
        switch (m.Op)
        {
            case AOp.Args:
                break;
            case AOp.LoadStackArg:
                FrameAccess(FrameOp(m, load: true), R(0), Fp, 16 + m.Disp);
                break;
            case AOp.StoreRetArea:
                FrameAccess(FrameOp(m, load: false), R(0), Fp, 16 + m.Disp);
                break;
            case AOp.LoadOutArg:
                FrameAccess(FrameOp(m, load: true), R(0), Sp, m.Disp);
                break;
            case AOp.StoreOutArg:
                FrameAccess(FrameOp(m, load: false), R(0), Sp, m.Disp);
                break;
            case AOp.MovImm:
                MovImm(R(0), m.Imm, x);
                break;
            case AOp.FConst:
                if (m.Imm == 0) Put(FInt(A64.FmovToFp, x, x, R(0), Zr));
                else
                {
                    MovImm(Ip0, m.Imm, x);
                    Put(FInt(A64.FmovToFp, x, x, R(0), Ip0));
                }
                break;
            case AOp.Alu:
                EmitAlu(m, x);
                break;
            case AOp.AluImm:
                EmitAluImm(m, x);
                break;
            case AOp.MulAdd:
                Put(Rrrr(m.Sub == 1 ? A64.Msub : A64.Madd, x, R(0), R(1), R(2), R(3)));
                break;
            case AOp.Div:
                EmitDiv(m, x);
                break;
            case AOp.BitCount:
                EmitBitCount(m, x);
                break;
            case AOp.Extend:
                EmitExtend(m, x);
                break;
            case AOp.Load:
                EmitMemory(m, LoadForm(m), R(0));
                break;
            case AOp.Store:
                EmitMemory(m, StoreForm(m), R(0));
                break;
            case AOp.Cset:
                EmitFlags(m);
                Put(CondSel(A64.Csinc, false, R(0), Zr, Zr, m.Cond.Invert()));
                break;
            case AOp.Csel:
                EmitFlags(m);
                Put(m.Sub == 1 ? Fcsel(x, R(0), R(1), R(2), m.Cond) : CondSel(A64.Csel, x, R(0), R(1), R(2), m.Cond));
                break;
            case AOp.Jump:
                JumpToBlock(m.Target);
                break;
            case AOp.Brif:
            {
                var plan = PlanCondBranch(m.Target, m.Target2);
                BranchIf(m, plan.Invert, plan.Label);
                if (plan.HasJump) EmitJump(plan.JumpLabel);
                break;
            }
            case AOp.BrTable:
                EmitBrTable(m);
                break;
            case AOp.TrapIf:
                BranchIf(m, false, TrapStub(m.Trap));
                break;
            case AOp.Trap:
                Buffer.AddTrap(m.Trap);
                Put(Udf(m.Trap.Raw));
                break;
            case AOp.Ret:
                EmitEpilogue();
                break;
            case AOp.Call:
                AddCalleeReloc(m.Target);
                Put((uint)A64.Bl);
                break;
            case AOp.CallIndirect:
                Put(BranchReg(A64.Blr, R(0)));
                break;
            case AOp.StackAddr:
                AddImm(R(0), Sp, Frame.StackSlotOffset(m.Target));
                break;
            case AOp.FAlu:
            case AOp.FUnary:
            case AOp.FCopysign:
            case AOp.CvtIntToF:
            case AOp.CvtFToInt:
            case AOp.BitcastToF:
            case AOp.BitcastFromF:
                EmitFloat(m, x);
                break;
            default:
                throw new NotSupportedException($"emit {m.Op}");
        }
    }

    /// <summary>The load or store of operand 0 at its size (8-byte argument slots; an i32 is loaded as 32 bits:
    /// a caller may leave garbage above it).</summary>
    private A64 FrameOp(in AInst m, bool load) => Reg(0).Class == RegClass.Float
        ? (m.Size == 4 ? (load ? A64.LdrS : A64.StrS) : (load ? A64.LdrD : A64.StrD))
        : (m.Size == 4 && load ? A64.LdrW : (load ? A64.LdrX : A64.StrX));

    private void EmitAlu(in AInst m, bool x)
    {
        var alu = (AluOp)m.Sub;
        switch (alu)
        {
            case AluOp.Mul:
                Put(Rrrr(A64.Madd, x, R(0), R(1), R(2), Zr));
                break;
            case AluOp.Rol:
                // rol a, b = ror a, -b (the count is taken modulo the width).
                Put(Rrr(A64.SubReg, x, Ip0, Zr, R(2)));
                Put(Rrr(A64.Rorv, x, R(0), R(1), Ip0));
                break;
            default:
                Put(Rrr(AluReg[(int)alu], x, R(0), R(1), R(2)));
                break;
        }
    }

    private void EmitAluImm(in AInst m, bool x)
    {
        var alu = (AluOp)m.Sub;
        int bits = x ? 64 : 32;
        int sh = (int)(m.Imm & (bits - 1));
        switch (alu)
        {
            case AluOp.Add:
            case AluOp.Sub:
            {
                long a = m.Imm;
                bool shift = a >= 4096;
                Put(AddSubImm(alu == AluOp.Add ? A64.AddImm : A64.SubImm, x, R(0), R(1), (int)(shift ? a >> 12 : a), shift));
                break;
            }
            case AluOp.And:
            case AluOp.Orr:
            case AluOp.Eor:
                if (!LogicalImmediate((ulong)m.Imm, x, out uint enc)) throw new InvalidOperationException($"not a logical immediate: {m.Imm}");
                Put(LogImm(LogicalImm[(int)alu], x, R(0), R(1), enc));
                break;
            case AluOp.Lsl:
                // lsl #s = ubfm #(-s mod bits), #(bits-1-s)
                if (sh == 0) MovInt(R(0), R(1), x);
                else Put(Bitfield(A64.Ubfm, x, R(0), R(1), (bits - sh) & (bits - 1), bits - 1 - sh));
                break;
            case AluOp.Lsr:
            case AluOp.Asr:
                if (sh == 0) MovInt(R(0), R(1), x);
                else Put(Bitfield(alu == AluOp.Lsr ? A64.Ubfm : A64.Sbfm, x, R(0), R(1), sh, bits - 1));
                break;
            case AluOp.Ror:
                if (sh == 0) MovInt(R(0), R(1), x);
                else Put(A64Enc.Extr(x, R(0), R(1), R(1), sh));
                break;
            default:
                throw new InvalidOperationException($"no immediate form of {alu}");
        }
    }

    /// <summary>A same-width integer move (a 32-bit one clears the upper half, which i32 values keep zero anyway).</summary>
    private void MovInt(int to, int from, bool x)
    {
        if (to != from) Put(Rrr(A64.OrrReg, x, to, Zr, from));
    }

    private void EmitDiv(in AInst m, bool x)
    {
        var kind = (DivKind)m.Sub;
        int a = R(1), b = R(2);
        bool check = m.Imm == 0;
        bool signed = kind is DivKind.SDiv or DivKind.SRem;
        if (check) CbzTo(false, x, b, TrapStub(TrapCode.IntegerDivisionByZero));
        if (kind == DivKind.SDiv && check)
        {
            // MIN / -1 overflows: b == -1 and a - 1 overflows (only MIN does).
            var ok = Code.NewLabel();
            Put(AddSubImm(A64.AddsImm, x, Zr, b, 1));
            BCondTo(Cond.Ne, ok);
            Put(AddSubImm(A64.SubsImm, x, Zr, a, 1));
            BCondTo(Cond.Vs, TrapStub(TrapCode.IntegerOverflow));
            Code.Bind(ok);
        }
        var div = signed ? A64.Sdiv : A64.Udiv;
        if (kind is DivKind.UDiv or DivKind.SDiv)
        {
            Put(Rrr(div, x, R(0), a, b));
            return;
        }
        // rem = a - (a / b) * b; MIN % -1: sdiv gives MIN, and a - MIN * -1 wraps to 0, as wasm wants.
        Put(Rrr(div, x, Ip0, a, b));
        Put(Rrrr(A64.Msub, x, R(0), Ip0, b, a));
    }

    private void EmitBitCount(in AInst m, bool x)
    {
        switch ((BitCountOp)m.Sub)
        {
            case BitCountOp.Clz:
                Put(Rrr(A64.Clz, x, R(0), R(1), 0));
                break;
            case BitCountOp.Ctz:
                Put(Rrr(A64.Rbit, x, Ip0, R(1), 0));
                Put(Rrr(A64.Clz, x, R(0), Ip0, 0));
                break;
            default:
                // No scalar popcount in the base ISA: count bits per byte in a vector register and add the bytes.
                Put(FInt(A64.FmovToFp, x, x, VS, R(1)));
                Put(Simd(A64.Cnt8B, VS, VS));
                Put(Simd(A64.Addv8B, VS, VS));
                Put(FInt(A64.FmovToGp, false, false, R(0), VS));
                break;
        }
    }

    private void EmitExtend(in AInst m, bool x)
    {
        switch ((ExtendOp)m.Sub)
        {
            case ExtendOp.Sext8:
                Put(Bitfield(A64.Sbfm, x, R(0), R(1), 0, 7));
                // A 32-bit result is kept zero-extended: sbfm on W registers does that.
                break;
            case ExtendOp.Sext16:
                Put(Bitfield(A64.Sbfm, x, R(0), R(1), 0, 15));
                break;
            case ExtendOp.Sext32:
                Put(Bitfield(A64.Sbfm, true, R(0), R(1), 0, 31));
                break;
            default:
                // Always emitted, even from a register to itself: it clears the upper half.
                Put(Rrr(A64.OrrReg, false, R(0), Zr, R(1)));
                break;
        }
    }

    private A64 LoadForm(in AInst m) => Reg(0).Class == RegClass.Float
        ? (m.Size == 4 ? A64.LdrS : A64.LdrD)
        : m.Size == 8 ? Load64[m.Sub] : Load32[m.Sub];

    private A64 StoreForm(in AInst m) => Reg(0).Class == RegClass.Float
        ? (m.Size == 4 ? A64.StrS : A64.StrD)
        : m.Size switch { 1 => A64.Strb, 2 => A64.Strh, 4 => A64.StrW, _ => A64.StrX };

    /// <summary>
    /// A heap or table access at base (+ index) + disp. The instruction that touches memory is the one recorded as the
    /// trap site; address arithmetic before it goes through x16/x17.
    /// </summary>
    private void EmitMemory(in AInst m, A64 op, int rt)
    {
        int baseReg = R(m.Base);
        long disp = m.Disp;
        if (m.Index >= 0)
        {
            if (disp == 0 && (m.Shift == 0 || 1 << m.Shift == AccessBytes(op)))
            {
                Trapping(m.Trap);
                Put(LdStReg(op, rt, baseReg, R(m.Index), scaled: m.Shift != 0));
                return;
            }
            Put(Rrr(A64.AddReg, true, Ip0, baseReg, R(m.Index), shiftType: 0, shiftAmount: m.Shift));
            baseReg = Ip0;
        }
        if (FitsScaled(op, disp))
        {
            Trapping(m.Trap);
            Put(LdStImm(op, rt, baseReg, disp));
        }
        else if (disp is >= -256 and < 256)
        {
            Trapping(m.Trap);
            Put(LdStUnscaled(op, rt, baseReg, disp));
        }
        else
        {
            MovImm(Ip1, disp, true);
            Trapping(m.Trap);
            Put(LdStReg(op, rt, baseReg, Ip1));
        }
    }

    private void Trapping(TrapCode code)
    {
        if (code != TrapCode.None) Buffer.AddTrap(code);
    }

    private void EmitBrTable(in AInst m)
    {
        // x17 = min(index, n) (entry n is the default), x16 = table + table[x17] (entries relative to the table).
        int n = JumpTables[m.Target].Length - 1;
        int idx = R(0);
        MovImm(Ip1, n, false);
        Put(Rrr(A64.SubsReg, false, Zr, idx, Ip1));
        Put(CondSel(A64.Csel, false, Ip1, idx, Ip1, Cond.Lo));
        Code.UseLabel(Code.Offset, JumpTableLabel(m.Target), LabelUseKind.Arm64Adr21);
        Put(Adr(Ip0, 0));
        Put(LdStReg(A64.Ldrsw, Ip1, Ip0, Ip1, option: 2, scaled: true));
        Put(Rrr(A64.AddReg, true, Ip0, Ip0, Ip1));
        Put(BranchReg(A64.Br, Ip0));
    }
}
