using Kiln.IR;

namespace Kiln.Codegen.X64;


internal sealed partial class Lowerer
{
    // IR opcode -> x86-64's own sub-operations (-1: not one); the shared kinds are OpcodeKinds'.
    private static readonly sbyte[] AluOf = OpcodeKinds.Table(
        (Opcode.Iadd, AluOp.Add), (Opcode.Isub, AluOp.Sub), (Opcode.Band, AluOp.And), (Opcode.Bor, AluOp.Or),
        (Opcode.Bxor, AluOp.Xor));
    private static readonly sbyte[] ShiftOf = OpcodeKinds.Table(
        (Opcode.Ishl, ShiftOp.Shl), (Opcode.Sshr, ShiftOp.Sar), (Opcode.Ushr, ShiftOp.Shr), (Opcode.Rotl, ShiftOp.Rol),
        (Opcode.Rotr, ShiftOp.Ror));
    private static readonly sbyte[] FUnaryOf = OpcodeKinds.Table(
        (Opcode.Sqrt, FUnaryOp.Sqrt), (Opcode.Nearest, FUnaryOp.Nearest), (Opcode.Floor, FUnaryOp.Floor),
        (Opcode.Ceil, FUnaryOp.Ceil), (Opcode.Trunc, FUnaryOp.Trunc), (Opcode.Fpromote, FUnaryOp.Promote),
        (Opcode.Fdemote, FUnaryOp.Demote));

    protected override void LowerInst(Inst inst)
    {
        ref var d = ref Dfg[inst];
        var args = Dfg.Args(inst);
        var op = d.Opcode;
        int size = SizeOf(d.Type);
        Begin();

        int o = (int)op;
        if (AluOf[o] >= 0) { LowerAlu(inst, (AluOp)AluOf[o], size); return; }
        if (ShiftOf[o] >= 0) { LowerShift(inst, (ShiftOp)ShiftOf[o], size); return; }
        if (OpcodeKinds.FAluOf[o] >= 0)
        {
            var fop = (FAluOp)OpcodeKinds.FAluOf[o];
            var dst = Get(Dfg.FirstResult(inst));
            Op(Operand.ReuseDef(dst, 1));
            Op(Operand.RegUse(Use(args[0])));
            Op(Operand.RegUse(Use(args[1])));
            Emit(new MInst(MOp.FAlu, inst.Index) { Sub = (byte)fop, Size = (byte)size });
            return;
        }
        if (FUnaryOf[o] >= 0)
        {
            var uop = (FUnaryOp)FUnaryOf[o];
            if (uop is >= FUnaryOp.Nearest and <= FUnaryOp.Trunc) FeaturesUsed |= X64Features.Sse41;
            Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
            Op(Operand.RegUse(Use(args[0])));
            Emit(new MInst(MOp.FUnary, inst.Index) { Sub = (byte)uop, Size = (byte)size });
            return;
        }
        if (OpcodeKinds.LoadOf[o] >= 0) { LowerLoad(inst, (LoadOp)OpcodeKinds.LoadOf[o]); return; }
        if (OpcodeKinds.DivOf[o] >= 0) { LowerDiv(inst, (DivKind)OpcodeKinds.DivOf[o], size); return; }
        if (OpcodeKinds.BitCountOf[o] >= 0) { LowerBitCount(inst, (BitCountOp)OpcodeKinds.BitCountOf[o], size); return; }
        if (OpcodeKinds.ExtendOf[o] >= 0)
        {
            Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
            Op(Operand.RegUse(Use(args[0])));
            Emit(new MInst(MOp.Extend, inst.Index) { Sub = (byte)OpcodeKinds.ExtendOf[o], Size = (byte)size });
            return;
        }
        if (OpcodeKinds.CvtOf[o] >= 0)
        {
            Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
            Op(Operand.RegUse(Use(args[0])));
            Emit(new MInst(MOp.CvtFToInt, inst.Index) { Sub = (byte)OpcodeKinds.CvtOf[o], Size = (byte)size, Size2 = (byte)SizeOf(Dfg.ValueType(args[0])) });
            return;
        }

        switch (op)
        {
            case Opcode.Imul: LowerImul(inst, size); break;
            case Opcode.Eqz:
            case Opcode.Icmp:
            case Opcode.Fcmp:
            {
                Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
                var m = new MInst(MOp.Setcc, inst.Index) { Size = 4 };
                AddCompare(inst, ref m);
                Emit(m);
                break;
            }
            case Opcode.Fneg:
            case Opcode.Fabs:
                Op(Operand.ReuseDef(Get(Dfg.FirstResult(inst)), 1));
                Op(Operand.RegUse(Use(args[0])));
                Emit(new MInst(MOp.FSign, inst.Index) { Sub = (byte)(op == Opcode.Fabs ? FSignOp.Abs : FSignOp.Neg), Size = (byte)size });
                break;
            case Opcode.Fcopysign:
                Op(Operand.ReuseDef(Get(Dfg.FirstResult(inst)), 1));
                Op(Operand.RegUse(Use(args[0])));
                Op(Operand.RegUse(Use(args[1])));
                Op(Operand.RegDefEarly(B.NewVReg(RegClass.Float)));
                Emit(new MInst(MOp.FCopysign, inst.Index) { Size = (byte)size });
                break;
            case Opcode.FcvtFromSint:
            case Opcode.FcvtFromUint:
            {
                int srcSize = SizeOf(Dfg.ValueType(args[0]));
                bool unsigned = op == Opcode.FcvtFromUint;
                Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
                Op(Operand.RegUse(Use(args[0])));
                if (unsigned && srcSize == 8) Op(Operand.RegDefEarly(B.NewVReg(RegClass.Int)));
                Emit(new MInst(MOp.CvtIntToF, inst.Index) { Sub = (byte)(unsigned ? 1 : 0), Size = (byte)size, Size2 = (byte)srcSize });
                break;
            }
            case Opcode.Bitcast:
            {
                bool toFloat = d.Type.IsFloat();
                Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
                Op(Operand.RegUse(Use(args[0])));
                Emit(new MInst(toFloat ? MOp.BitcastToF : MOp.BitcastFromF, inst.Index) { Size = (byte)size });
                break;
            }
            case Opcode.Select: LowerSelect(inst, size); break;
            case Opcode.Store: case Opcode.Istore8: case Opcode.Istore16: case Opcode.Istore32:
                LowerStore(inst);
                break;
            case Opcode.FuncAddr:
                Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
                Emit(new MInst(MOp.FuncAddr, inst.Index) { Target = d.Ref, Size = 8 });
                break;
            case Opcode.JumpUnwind: LowerJumpUnwind(inst); break;
            default:
                throw Unsupported(inst, "x64");
        }
    }

    private void LowerBitCount(Inst inst, BitCountOp bop, int size)
    {
        FeaturesUsed |= bop switch
        {
            BitCountOp.Popcnt => X64Features.Popcnt,
            BitCountOp.Clz => _options & X64Features.Lzcnt,
            _ => _options & X64Features.Bmi1,
        };
        Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
        Op(Operand.RegUse(Use(Dfg.Args(inst)[0])));
        Emit(new MInst(MOp.BitCount, inst.Index) { Sub = (byte)bop, Size = (byte)size });
    }

    private void LowerAlu(Inst inst, AluOp alu, int size)
    {
        var args = Dfg.Args(inst);
        Value a = args[0], b = args[1];
        bool commutative = alu != AluOp.Sub;
        var dst = Get(Dfg.FirstResult(inst));
        // A fused load must end up as b (it has no register of its own), even if that leaves a constant as a.
        if (commutative && (IsFoldedLoad(a, out _) || IsConst(a, out _) && !IsFoldedLoad(b, out _))) (a, b) = (b, a);
        if (FitsImm32(b, Dfg[inst].Type, out int imm))
        {
            Op(Operand.ReuseDef(dst, 1));
            Op(Operand.RegUse(Use(a)));
            Emit(new MInst(MOp.AluImm, inst.Index) { Sub = (byte)alu, Size = (byte)size, Imm = imm });
            return;
        }
        if (IsFoldedLoad(b, out var load))
        {
            Op(Operand.ReuseDef(dst, 1));
            Op(Operand.RegUse(Use(a)));
            var m = new MInst(MOp.AluMem, inst.Index) { Sub = (byte)alu, Size = (byte)size, Trap = Dfg[load].Trap };
            AddAddress(Dfg.Args(load)[0], Dfg[load].Imm, ref m);
            Emit(m);
            return;
        }
        Op(Operand.ReuseDef(dst, 1));
        Op(Operand.RegUse(Use(a)));
        Op(Operand.RegUse(Use(b)));
        Emit(new MInst(MOp.Alu, inst.Index) { Sub = (byte)alu, Size = (byte)size });
    }

    private void LowerShift(Inst inst, ShiftOp sh, int size)
    {
        var args = Dfg.Args(inst);
        var dst = Get(Dfg.FirstResult(inst));
        if (IsConst(args[1], out long c))
        {
            Op(Operand.ReuseDef(dst, 1));
            Op(Operand.RegUse(Use(args[0])));
            Emit(new MInst(MOp.ShiftImm, inst.Index) { Sub = (byte)sh, Size = (byte)size, Imm = c & (size * 8 - 1) });
            return;
        }
        Op(Operand.ReuseDef(dst, 1));
        Op(Operand.RegUse(Use(args[0])));
        Op(Operand.FixedUse(Use(args[1]), X64Regs.Rcx));
        Emit(new MInst(MOp.Shift, inst.Index) { Sub = (byte)sh, Size = (byte)size });
    }

    private void LowerImul(Inst inst, int size)
    {
        var args = Dfg.Args(inst);
        Value a = args[0], b = args[1];
        if (IsConst(a, out _)) (a, b) = (b, a);
        var dst = Get(Dfg.FirstResult(inst));
        if (FitsImm32(b, Dfg[inst].Type, out int imm))
        {
            Op(Operand.RegDef(dst));
            Op(Operand.RegUse(Use(a)));
            Emit(new MInst(MOp.ImulImm, inst.Index) { Size = (byte)size, Imm = imm });
            return;
        }
        Op(Operand.ReuseDef(dst, 1));
        Op(Operand.RegUse(Use(a)));
        Op(Operand.RegUse(Use(b)));
        Emit(new MInst(MOp.Imul, inst.Index) { Size = (byte)size });
    }

    private void LowerDiv(Inst inst, DivKind kind, int size)
    {
        var args = Dfg.Args(inst);
        var res = Get(Dfg.FirstResult(inst));
        bool rem = kind is DivKind.URem or DivKind.SRem;
        // A constant divisor other than 0 and -1 needs no checks (Imm = 1).
        long safe = IsConst(args[1], out long c) && (size == 4 ? (int)c : c) is not 0 and not -1 ? 1 : 0;
        Op(Operand.FixedUse(Use(args[0]), X64Regs.Rax));
        Op(Operand.RegUse(Use(args[1])));
        Op(Operand.FixedDef(rem ? B.NewVReg(RegClass.Int) : res, X64Regs.Rax));
        Op(new Operand(rem ? res : B.NewVReg(RegClass.Int), OperandKind.Def, OperandPos.Early, OperandConstraint.Fixed, X64Regs.Rdx.Index));
        Emit(new MInst(MOp.Div, inst.Index) { Sub = (byte)kind, Size = (byte)size, Imm = safe });
    }

    private void LowerSelect(Inst inst, int size)
    {
        var args = Dfg.Args(inst);
        var dst = Get(Dfg.FirstResult(inst));
        Op(Operand.ReuseDef(dst, 1));
        Op(Operand.RegUse(Use(args[2])));
        Op(Operand.RegUse(Use(args[1])));
        bool isFloat = Dfg[inst].Type.IsFloat();
        var m = new MInst(isFloat ? MOp.XmmSelect : MOp.Cmov, inst.Index) { Size = (byte)size };
        AddCondition(args[0], ref m);
        Emit(m);
    }

    /// <summary>Appends the operands that set the flags for "cond is true" (a fused compare, or test against 0).</summary>
    protected override void AddCondition(Value cond, ref MInst m)
    {
        if (IsFusedCompare(cond, out var def))
        {
            AddCompare(def, ref m);
            return;
        }
        m.FlagsAt = (byte)OperandCount;
        m.Flags = FlagsKind.Test;
        m.Size2 = (byte)SizeOf(Dfg.ValueType(cond));
        m.Cond = Cc.NE;
        Op(Operand.RegUse(Use(cond)));
    }

    /// <summary>Appends the compare operands of icmp/fcmp/eqz instruction <paramref name="cmp"/> and sets the condition.</summary>
    private void AddCompare(Inst cmp, ref MInst m)
    {
        ref var d = ref Dfg[cmp];
        var args = Dfg.Args(cmp);
        m.FlagsAt = (byte)OperandCount;
        var t = Dfg.ValueType(args[0]);
        m.Size2 = (byte)SizeOf(t);
        switch (d.Opcode)
        {
            case Opcode.Eqz:
                m.Flags = FlagsKind.Test;
                m.Cond = Cc.E;
                Op(Operand.RegUse(Use(args[0])));
                break;
            case Opcode.Icmp:
            {
                var cc = (IntCC)d.Cond;
                Value a = args[0], b = args[1];
                if (!FitsImm32(b, t, out _) && FitsImm32(a, t, out _)) { (a, b) = (b, a); cc = cc.Swapped(); }
                m.Cond = Ccs.FromInt(cc);
                if (FitsImm32(b, t, out int imm))
                {
                    m.Flags = FlagsKind.CmpImm;
                    m.Imm = imm;
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
                var (swap, cc) = Ccs.FromFloat((FloatCC)d.Cond);
                m.Flags = FlagsKind.Ucomi;
                m.Cond = cc;
                Op(Operand.RegUse(Use(args[swap ? 1 : 0])));
                Op(Operand.RegUse(Use(args[swap ? 0 : 1])));
                break;
            }
        }
    }

    /// <summary>Appends the address operands for <c>addr + offset</c>, folding an address addition and constants.</summary>
    private void AddAddress(Value addr, long offset, ref MInst m)
    {
        var def = DefInst(Root(addr));
        if (def.IsValid && Folded[def.Index] && Dfg[def].Opcode == Opcode.Iadd)
        {
            var a = Dfg.Args(def);
            Value x = a[0], y = a[1];
            if (IsConst(x, out _)) (x, y) = (y, x);
            if (IsConst(y, out long c) && offset + c == (int)(offset + c))
            {
                m.Base = (sbyte)Op(Operand.RegUse(Use(x)));
                m.Disp = (int)(offset + c);
                return;
            }
            if (offset == (int)offset)
            {
                if (IsFolded(x) && IsScaledIndex(x, out _, out _)) (x, y) = (y, x);
                m.Base = (sbyte)Op(Operand.RegUse(Use(x)));
                if (IsFolded(y) && IsScaledIndex(y, out var ix, out int shift))
                {
                    m.Index = (sbyte)Op(Operand.RegUse(Use(ix)));
                    m.Scale = (byte)(1 << shift);
                }
                else m.Index = (sbyte)Op(Operand.RegUse(Use(y)));
                m.Disp = (int)offset;
                return;
            }
        }
        if (offset != (int)offset)
        {
            // A huge offset: add it in a register first.
            var sum = B.NewVReg(RegClass.Int);
            var off = B.NewVReg(RegClass.Int);
            EmitConst(off, offset, 8);
            // A folded address addition was never computed on its own: use its operands instead.
            Value first = addr;
            Value? second = null;
            if (def.IsValid && Folded[def.Index] && Dfg[def].Opcode == Opcode.Iadd)
            {
                var a = Dfg.Args(def);
                (first, second) = (a[0], a[1]);
                if (IsFolded(first) && IsScaledIndex(first, out _, out _)) (first, second) = (a[1], a[0]);
            }
            var baseReg = Use(first);
            B.Emit(new MInst(MOp.Alu, CurIr) { Sub = (byte)AluOp.Add, Size = 8 },
                [Operand.ReuseDef(sum, 1), Operand.RegUse(baseReg), Operand.RegUse(off)]);
            m.Base = (sbyte)Op(Operand.RegUse(sum));
            if (second is { } y)
            {
                if (IsFolded(y) && IsScaledIndex(y, out var ix, out int shift))
                {
                    m.Index = (sbyte)Op(Operand.RegUse(Use(ix)));
                    m.Scale = (byte)(1 << shift);
                }
                else m.Index = (sbyte)Op(Operand.RegUse(Use(y)));
            }
            return;
        }
        m.Base = (sbyte)Op(Operand.RegUse(Use(addr)));
        m.Disp = (int)offset;
    }

    private void LowerLoad(Inst inst, LoadOp lop)
    {
        ref var d = ref Dfg[inst];
        Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
        var m = new MInst(MOp.Load, inst.Index) { Sub = (byte)lop, Size = (byte)SizeOf(d.Type), Trap = d.Trap };
        AddAddress(Dfg.Args(inst)[0], d.Imm, ref m);
        Emit(m);
    }

    private void LowerStore(Inst inst)
    {
        ref var d = ref Dfg[inst];
        var args = Dfg.Args(inst);
        var vt = Dfg.ValueType(args[0]);
        int bytes = d.Info.AccessBytes != 0 ? d.Info.AccessBytes : SizeOf(vt);
        var m = new MInst(MOp.Store, inst.Index) { Size = (byte)bytes, Trap = d.Trap, Imm = 0 };
        if (vt.IsInt() && IsConst(args[0], out long c) && (bytes < 8 || c == (int)c))
        {
            m.Op = MOp.StoreImm;
            m.Imm = c;
        }
        else Op(Operand.RegUse(Use(args[0])));
        AddAddress(args[1], d.Imm, ref m);
        Emit(m);
    }
}
