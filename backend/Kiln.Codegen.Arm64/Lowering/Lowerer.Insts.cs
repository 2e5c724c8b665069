using Kiln.IR;

namespace Kiln.Codegen.Arm64;

internal sealed partial class Lowerer
{
    // IR opcode -> AArch64's own sub-operations (-1: not one); the shared kinds are OpcodeKinds'.
    private static readonly sbyte[] AluOf = OpcodeKinds.Table(
        (Opcode.Iadd, AluOp.Add), (Opcode.Isub, AluOp.Sub), (Opcode.Band, AluOp.And), (Opcode.Bor, AluOp.Orr),
        (Opcode.Bxor, AluOp.Eor), (Opcode.Ishl, AluOp.Lsl), (Opcode.Ushr, AluOp.Lsr), (Opcode.Sshr, AluOp.Asr),
        (Opcode.Rotr, AluOp.Ror), (Opcode.Rotl, AluOp.Rol), (Opcode.Imul, AluOp.Mul));
    private static readonly sbyte[] FUnaryOf = OpcodeKinds.Table(
        (Opcode.Fabs, FUnaryOp.Abs), (Opcode.Fneg, FUnaryOp.Neg), (Opcode.Sqrt, FUnaryOp.Sqrt),
        (Opcode.Nearest, FUnaryOp.Nearest), (Opcode.Floor, FUnaryOp.Floor), (Opcode.Ceil, FUnaryOp.Ceil),
        (Opcode.Trunc, FUnaryOp.Trunc), (Opcode.Fpromote, FUnaryOp.Promote), (Opcode.Fdemote, FUnaryOp.Demote));

    protected override void LowerInst(Inst inst)
    {
        ref var d = ref Dfg[inst];
        var args = Dfg.Args(inst);
        var op = d.Opcode;
        int size = SizeOf(d.Type);
        if (d.Type == IrType.V128) throw Unsupported(inst, "aarch64");
        Begin();
        int o = (int)op;
        if (AluOf[o] >= 0) { LowerAlu(inst, (AluOp)AluOf[o], size); return; }
        if (OpcodeKinds.FAluOf[o] >= 0) { Unary3(inst, new AInst(AOp.FAlu, inst.Index) { Sub = (byte)OpcodeKinds.FAluOf[o], Size = (byte)size }, args); return; }
        if (FUnaryOf[o] >= 0) { Unary3(inst, new AInst(AOp.FUnary, inst.Index) { Sub = (byte)FUnaryOf[o], Size = (byte)size }, args); return; }
        if (OpcodeKinds.LoadOf[o] >= 0) { LowerLoad(inst, (LoadOp)OpcodeKinds.LoadOf[o]); return; }
        if (OpcodeKinds.BitCountOf[o] >= 0) { Unary3(inst, new AInst(AOp.BitCount, inst.Index) { Sub = (byte)OpcodeKinds.BitCountOf[o], Size = (byte)size }, args); return; }
        if (OpcodeKinds.ExtendOf[o] >= 0) { Unary3(inst, new AInst(AOp.Extend, inst.Index) { Sub = (byte)OpcodeKinds.ExtendOf[o], Size = (byte)size }, args); return; }
        if (OpcodeKinds.DivOf[o] >= 0) { LowerDiv(inst, (DivKind)OpcodeKinds.DivOf[o], size); return; }
        if (OpcodeKinds.CvtOf[o] >= 0)
        {
            Unary3(inst, new AInst(AOp.CvtFToInt, inst.Index) { Sub = (byte)OpcodeKinds.CvtOf[o], Size = (byte)size, Size2 = (byte)SizeOf(Dfg.ValueType(args[0])) }, args);
            return;
        }

        switch (op)
        {
            case Opcode.Eqz:
            case Opcode.Icmp:
            case Opcode.Fcmp:
            {
                Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
                var m = new AInst(AOp.Cset, inst.Index);
                AddCompare(inst, ref m);
                Emit(m);
                break;
            }
            case Opcode.Fcopysign:
                Unary3(inst, new AInst(AOp.FCopysign, inst.Index) { Size = (byte)size }, args);
                break;
            case Opcode.FcvtFromSint:
            case Opcode.FcvtFromUint:
                Unary3(inst, new AInst(AOp.CvtIntToF, inst.Index)
                {
                    Sub = (byte)(op == Opcode.FcvtFromUint ? 1 : 0), Size = (byte)size, Size2 = (byte)SizeOf(Dfg.ValueType(args[0])),
                }, args);
                break;
            case Opcode.Bitcast:
                Unary3(inst, new AInst(d.Type.IsFloat() ? AOp.BitcastToF : AOp.BitcastFromF, inst.Index) { Size = (byte)size }, args);
                break;
            case Opcode.Select: LowerSelect(inst, size); break;
            case Opcode.Store: case Opcode.Istore8: case Opcode.Istore16: case Opcode.Istore32:
                LowerStore(inst);
                break;
            default:
                throw Unsupported(inst, "aarch64");
        }
    }

    /// <summary>A def and register uses of every argument (the three-address shape of most instructions).</summary>
    private void Unary3(Inst inst, AInst m, ReadOnlySpan<Value> args)
    {
        Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
        foreach (var a in args) Op(Operand.RegUse(Use(a)));
        Emit(m);
    }

    private void LowerAlu(Inst inst, AluOp alu, int size)
    {
        var args = Dfg.Args(inst);
        var t = Dfg[inst].Type;
        Value a = args[0], b = args[1];
        var dst = Get(Dfg.FirstResult(inst));
        // madd/msub: an addition (or a subtraction from a) of a fused product.
        if (alu is AluOp.Add or AluOp.Sub)
        {
            bool mulB = IsFoldedOp(b, Opcode.Imul, out var mul);
            if (!mulB && alu == AluOp.Add && IsFoldedOp(a, Opcode.Imul, out mul)) (a, b) = (b, a);
            if (mulB || IsFoldedOp(b, Opcode.Imul, out mul))
            {
                var ma = Dfg.Args(mul);
                Op(Operand.RegDef(dst));
                Op(Operand.RegUse(Use(ma[0])));
                Op(Operand.RegUse(Use(ma[1])));
                Op(Operand.RegUse(Use(a)));
                Emit(new AInst(AOp.MulAdd, inst.Index) { Sub = (byte)(alu == AluOp.Sub ? 1 : 0), Size = (byte)size });
                return;
            }
        }
        bool commutative = alu is AluOp.Add or AluOp.And or AluOp.Orr or AluOp.Eor or AluOp.Mul;
        if (commutative && IsConst(a, out _) && !IsConst(b, out _)) (a, b) = (b, a);
        if (ConstOf(b, t, out long c) && ImmediateFor(alu, c, size, out long imm, out var immOp))
        {
            Op(Operand.RegDef(dst));
            Op(Operand.RegUse(Use(a)));
            Emit(new AInst(AOp.AluImm, inst.Index) { Sub = (byte)immOp, Size = (byte)size, Imm = imm });
            return;
        }
        Op(Operand.RegDef(dst));
        Op(Operand.RegUse(Use(a)));
        Op(Operand.RegUse(Use(b)));
        Emit(new AInst(AOp.Alu, inst.Index) { Sub = (byte)alu, Size = (byte)size });
    }

    /// <summary>Whether <c>a op c</c> has an immediate form, and which (a subtraction of c is an addition of -c).</summary>
    private static bool ImmediateFor(AluOp alu, long c, int size, out long imm, out AluOp op)
    {
        op = alu;
        imm = c;
        switch (alu)
        {
            case AluOp.Add:
            case AluOp.Sub:
                if (IsAddImm(c)) return true;
                if (c != long.MinValue && IsAddImm(-c))
                {
                    op = alu == AluOp.Add ? AluOp.Sub : AluOp.Add;
                    imm = -c;
                    return true;
                }
                return false;
            case AluOp.And:
            case AluOp.Orr:
            case AluOp.Eor:
                return A64Enc.LogicalImmediate((ulong)c, size == 8, out _);
            case AluOp.Lsl:
            case AluOp.Lsr:
            case AluOp.Asr:
            case AluOp.Ror:
                imm = c & (size * 8 - 1);
                return true;
            case AluOp.Rol:
                op = AluOp.Ror;
                imm = (size * 8 - (c & (size * 8 - 1))) & (size * 8 - 1);
                return true;
            default:
                return false;
        }
    }

    private void LowerDiv(Inst inst, DivKind kind, int size)
    {
        var args = Dfg.Args(inst);
        var t = Dfg[inst].Type;
        // A constant divisor other than 0 and -1 needs no checks.
        long safe = ConstOf(args[1], t, out long c) && c is not 0 and not -1 ? 1 : 0;
        Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
        Op(Operand.RegUse(Use(args[0])));
        Op(Operand.RegUse(Use(args[1])));
        Emit(new AInst(AOp.Div, inst.Index) { Sub = (byte)kind, Size = (byte)size, Imm = safe });
    }

    private void LowerSelect(Inst inst, int size)
    {
        var args = Dfg.Args(inst);
        Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
        Op(Operand.RegUse(Use(args[1])));
        Op(Operand.RegUse(Use(args[2])));
        var m = new AInst(AOp.Csel, inst.Index) { Size = (byte)size, Sub = (byte)(Dfg[inst].Type.IsFloat() ? 1 : 0) };
        AddCondition(args[0], ref m);
        Emit(m);
    }

    /// <summary>Appends the operands that set the flags for "cond is true" (a fused compare, or cond != 0).</summary>
    protected override void AddCondition(Value cond, ref AInst m)
    {
        if (IsFusedCompare(cond, out var def))
        {
            AddCompare(def, ref m);
            return;
        }
        m.FlagsAt = (byte)OperandCount;
        m.Flags = FlagsKind.Zero;
        m.Size2 = (byte)SizeOf(Dfg.ValueType(cond));
        m.Cond = Cond.Ne;
        Op(Operand.RegUse(Use(cond)));
    }

    /// <summary>How a float condition reads the flags of <c>fcmp</c> (false: it needs two conditions; not lowered).</summary>
    private static bool FloatCond(FloatCC cc, out Cond c)
    {
        c = cc switch
        {
            FloatCC.Eq => Cond.Eq,
            FloatCC.Ne => Cond.Ne,
            FloatCC.Lt => Cond.Mi,
            FloatCC.Le => Cond.Ls,
            FloatCC.Gt => Cond.Gt,
            FloatCC.Ge => Cond.Ge,
            FloatCC.Ord => Cond.Vc,
            FloatCC.Uno => Cond.Vs,
            FloatCC.Ult => Cond.Lt,
            FloatCC.Ule => Cond.Le,
            FloatCC.Ugt => Cond.Hi,
            FloatCC.Uge => Cond.Hs,
            _ => Cond.Al,
        };
        return c != Cond.Al;
    }

    /// <summary>Appends the compare operands of icmp/fcmp/eqz instruction <paramref name="cmp"/> and sets the condition.</summary>
    private void AddCompare(Inst cmp, ref AInst m)
    {
        ref var d = ref Dfg[cmp];
        var args = Dfg.Args(cmp);
        m.FlagsAt = (byte)OperandCount;
        var t = Dfg.ValueType(args[0]);
        m.Size2 = (byte)SizeOf(t);
        switch (d.Opcode)
        {
            case Opcode.Eqz:
                m.Flags = FlagsKind.Zero;
                m.Cond = Cond.Eq;
                Op(Operand.RegUse(Use(args[0])));
                break;
            case Opcode.Icmp:
            {
                var cc = (IntCC)d.Cond;
                Value a = args[0], b = args[1];
                if (!ConstOf(b, t, out _) && ConstOf(a, t, out _)) { (a, b) = (b, a); cc = cc.Swapped(); }
                m.Cond = Conds.FromInt(cc);
                if (ConstOf(b, t, out long c) && (IsAddImm(c) || (c != long.MinValue && IsAddImm(-c))))
                {
                    m.Flags = c == 0 && cc is IntCC.Eq or IntCC.Ne ? FlagsKind.Zero : FlagsKind.CmpImm;
                    m.Imm = c;
                    Op(Operand.RegUse(Use(a)));
                }
                else
                {
                    m.Flags = FlagsKind.Cmp;
                    Op(Operand.RegUse(Use(a)));
                    Op(Operand.RegUse(Use(b)));
                }
                break;
            }
            default:
            {
                if (!FloatCond((FloatCC)d.Cond, out var c))
                    throw new UnsupportedFeatureException(UnsupportedFeature.Operation, $"aarch64 fcmp {((FloatCC)d.Cond).Name()}");
                m.Flags = FlagsKind.FCmp;
                m.Cond = c;
                Op(Operand.RegUse(Use(args[0])));
                Op(Operand.RegUse(Use(args[1])));
                break;
            }
        }
    }

    /// <summary>Appends the address operands for <c>addr + offset</c>, a folded address addition as base + index.</summary>
    private void AddAddress(Value addr, long offset, ref AInst m)
    {
        if (IsFoldedOp(addr, Opcode.Iadd, out var def))
        {
            var a = Dfg.Args(def);
            Value x = a[0], y = a[1];
            if (IsConst(x, out _)) (x, y) = (y, x);
            if (IsConst(y, out long c))
            {
                m.Base = (sbyte)Op(Operand.RegUse(Use(x)));
                m.Disp = offset + c;
                return;
            }
            if (IsFolded(x) && IsScaledIndex(x, out _, out _)) (x, y) = (y, x);
            m.Base = (sbyte)Op(Operand.RegUse(Use(x)));
            if (IsFolded(y) && IsScaledIndex(y, out var ix, out int shift))
            {
                m.Index = (sbyte)Op(Operand.RegUse(Use(ix)));
                m.Shift = (byte)shift;
            }
            else m.Index = (sbyte)Op(Operand.RegUse(Use(y)));
            m.Disp = offset;
            return;
        }
        m.Base = (sbyte)Op(Operand.RegUse(Use(addr)));
        m.Disp = offset;
    }

    private void LowerLoad(Inst inst, LoadOp lop)
    {
        ref var d = ref Dfg[inst];
        Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
        var m = new AInst(AOp.Load, inst.Index) { Sub = (byte)lop, Size = (byte)SizeOf(d.Type), Trap = d.Trap };
        AddAddress(Dfg.Args(inst)[0], d.Imm, ref m);
        Emit(m);
    }

    private void LowerStore(Inst inst)
    {
        ref var d = ref Dfg[inst];
        var args = Dfg.Args(inst);
        var vt = Dfg.ValueType(args[0]);
        int bytes = d.Info.AccessBytes != 0 ? d.Info.AccessBytes : SizeOf(vt);
        var m = new AInst(AOp.Store, inst.Index) { Size = (byte)bytes, Trap = d.Trap };
        Op(Operand.RegUse(Use(args[0])));
        AddAddress(args[1], d.Imm, ref m);
        Emit(m);
    }
}
