namespace Kiln.IR.Building;

/// <summary>
/// Creates instructions at an insertion point: at the end of a block, or before an instruction.
/// One helper per opcode, named like the text form (<c>Iadd</c> for <c>iadd</c>). Value-producing helpers
/// return the result; multi-result and no-result helpers return the instruction.
/// </summary>
public readonly struct InstBuilder
{
    private readonly Function func;
    private readonly Block block;
    private readonly Inst before;
    private readonly FunctionBuilder? owner;

    internal InstBuilder(Function func, Block block, Inst before, FunctionBuilder? owner)
    {
        this.func = func;
        this.block = block;
        this.before = before;
        this.owner = owner;
    }

    /// <summary>Appends at the end of <paramref name="block"/>.</summary>
    public static InstBuilder AtEnd(Function f, Block block) => new(f, block, Inst.None, null);

    /// <summary>Inserts before <paramref name="inst"/>.</summary>
    public static InstBuilder Before(Function f, Inst inst) => new(f, f.Layout.InstBlock(inst), inst, null);

    private DataFlowGraph Dfg => func.Dfg;

    // ---- generic construction ----

    /// <summary>Creates an instruction (no results yet); set extra fields, then call <see cref="Finish"/>.</summary>
    public Inst Start(Opcode op, IrType ctrl, ReadOnlySpan<Value> args) => Dfg.MakeInst(op, ctrl, args);

    /// <summary>Creates results and inserts the instruction at the insertion point.</summary>
    public Inst Finish(Inst inst)
    {
        Dfg.MakeResults(inst);
        if (before.IsValid)
        {
            func.Layout.InsertInstBefore(inst, before);
        }
        else
        {
            func.Layout.AppendInst(inst, block);
        }
        owner?.OnInserted(inst, block);
        return inst;
    }

    public Value Unary(Opcode op, IrType ctrl, Value x) => Dfg.FirstResult(Finish(Start(op, ctrl, [x])));

    public Value Binary(Opcode op, Value x, Value y) => Dfg.FirstResult(Finish(Start(op, Dfg.ValueType(x), [x, y])));

    // ---- constants ----

    public Value Iconst(IrType type, long value)
    {
        var i = Start(Opcode.Iconst, type, []);
        Dfg[i].Imm = type == IrType.I32 ? (int)value : value;
        return Dfg.FirstResult(Finish(i));
    }

    public Value F32const(float value)
    {
        var i = Start(Opcode.Fconst, IrType.F32, []);
        Dfg[i].Imm = (uint)BitConverter.SingleToInt32Bits(value);
        return Dfg.FirstResult(Finish(i));
    }

    public Value F64const(double value)
    {
        var i = Start(Opcode.Fconst, IrType.F64, []);
        Dfg[i].Imm = BitConverter.DoubleToInt64Bits(value);
        return Dfg.FirstResult(Finish(i));
    }

    // ---- integer arithmetic ----

    public Value Iadd(Value x, Value y) => Binary(Opcode.Iadd, x, y);
    public Value Isub(Value x, Value y) => Binary(Opcode.Isub, x, y);
    public Value Imul(Value x, Value y) => Binary(Opcode.Imul, x, y);
    public Value Sdiv(Value x, Value y) => Binary(Opcode.Sdiv, x, y);
    public Value Udiv(Value x, Value y) => Binary(Opcode.Udiv, x, y);
    public Value Srem(Value x, Value y) => Binary(Opcode.Srem, x, y);
    public Value Urem(Value x, Value y) => Binary(Opcode.Urem, x, y);
    public Value Band(Value x, Value y) => Binary(Opcode.Band, x, y);
    public Value Bor(Value x, Value y) => Binary(Opcode.Bor, x, y);
    public Value Bxor(Value x, Value y) => Binary(Opcode.Bxor, x, y);
    public Value Ishl(Value x, Value y) => Binary(Opcode.Ishl, x, y);
    public Value Sshr(Value x, Value y) => Binary(Opcode.Sshr, x, y);
    public Value Ushr(Value x, Value y) => Binary(Opcode.Ushr, x, y);
    public Value Rotl(Value x, Value y) => Binary(Opcode.Rotl, x, y);
    public Value Rotr(Value x, Value y) => Binary(Opcode.Rotr, x, y);
    public Value Clz(Value x) => Unary(Opcode.Clz, Dfg.ValueType(x), x);
    public Value Ctz(Value x) => Unary(Opcode.Ctz, Dfg.ValueType(x), x);
    public Value Popcnt(Value x) => Unary(Opcode.Popcnt, Dfg.ValueType(x), x);
    public Value Eqz(Value x) => Unary(Opcode.Eqz, Dfg.ValueType(x), x);

    public Value Icmp(IntCC cc, Value x, Value y)
    {
        var i = Start(Opcode.Icmp, Dfg.ValueType(x), [x, y]);
        Dfg[i].Cond = (byte)cc;
        return Dfg.FirstResult(Finish(i));
    }

    // ---- floating point ----

    public Value Fcmp(FloatCC cc, Value x, Value y)
    {
        var i = Start(Opcode.Fcmp, Dfg.ValueType(x), [x, y]);
        Dfg[i].Cond = (byte)cc;
        return Dfg.FirstResult(Finish(i));
    }

    public Value Fadd(Value x, Value y) => Binary(Opcode.Fadd, x, y);
    public Value Fsub(Value x, Value y) => Binary(Opcode.Fsub, x, y);
    public Value Fmul(Value x, Value y) => Binary(Opcode.Fmul, x, y);
    public Value Fdiv(Value x, Value y) => Binary(Opcode.Fdiv, x, y);
    public Value Fmin(Value x, Value y) => Binary(Opcode.Fmin, x, y);
    public Value Fmax(Value x, Value y) => Binary(Opcode.Fmax, x, y);
    public Value Fcopysign(Value x, Value y) => Binary(Opcode.Fcopysign, x, y);
    public Value Fneg(Value x) => Unary(Opcode.Fneg, Dfg.ValueType(x), x);
    public Value Fabs(Value x) => Unary(Opcode.Fabs, Dfg.ValueType(x), x);
    public Value Sqrt(Value x) => Unary(Opcode.Sqrt, Dfg.ValueType(x), x);
    public Value Ceil(Value x) => Unary(Opcode.Ceil, Dfg.ValueType(x), x);
    public Value Floor(Value x) => Unary(Opcode.Floor, Dfg.ValueType(x), x);
    public Value Trunc(Value x) => Unary(Opcode.Trunc, Dfg.ValueType(x), x);
    public Value Nearest(Value x) => Unary(Opcode.Nearest, Dfg.ValueType(x), x);

    // ---- conversions (the type argument is the result type) ----

    public Value Uextend(IrType to, Value x) => Unary(Opcode.Uextend, to, x);
    public Value Sextend(IrType to, Value x) => Unary(Opcode.Sextend, to, x);
    public Value Ireduce(IrType to, Value x) => Unary(Opcode.Ireduce, to, x);
    public Value Sext8(Value x) => Unary(Opcode.Sext8, Dfg.ValueType(x), x);
    public Value Sext16(Value x) => Unary(Opcode.Sext16, Dfg.ValueType(x), x);
    public Value Sext32(Value x) => Unary(Opcode.Sext32, Dfg.ValueType(x), x);
    public Value FcvtToSint(IrType to, Value x) => Unary(Opcode.FcvtToSint, to, x);
    public Value FcvtToUint(IrType to, Value x) => Unary(Opcode.FcvtToUint, to, x);
    public Value FcvtToSintSat(IrType to, Value x) => Unary(Opcode.FcvtToSintSat, to, x);
    public Value FcvtToUintSat(IrType to, Value x) => Unary(Opcode.FcvtToUintSat, to, x);
    public Value FcvtFromSint(IrType to, Value x) => Unary(Opcode.FcvtFromSint, to, x);
    public Value FcvtFromUint(IrType to, Value x) => Unary(Opcode.FcvtFromUint, to, x);
    public Value Fpromote(Value x) => Unary(Opcode.Fpromote, IrType.F64, x);
    public Value Fdemote(Value x) => Unary(Opcode.Fdemote, IrType.F32, x);
    public Value Bitcast(IrType to, Value x) => Unary(Opcode.Bitcast, to, x);

    public Value Select(Value cond, Value ifTrue, Value ifFalse) =>
        Dfg.FirstResult(Finish(Start(Opcode.Select, Dfg.ValueType(ifTrue), [cond, ifTrue, ifFalse])));

    // ---- memory ----

    /// <summary>A load; <paramref name="op"/> picks width and extension (load, uload8, sload16, ...).</summary>
    public Value Load(Opcode op, IrType type, TrapCode trap, Value addr, long offset)
    {
        var i = Start(op, type, [addr]);
        Dfg[i].Trap = trap;
        Dfg[i].Imm = offset;
        return Dfg.FirstResult(Finish(i));
    }

    public Value Load(IrType type, TrapCode trap, Value addr, long offset = 0) => Load(Opcode.Load, type, trap, addr, offset);

    /// <summary>A store; <paramref name="op"/> picks the width (store, istore8, istore16, istore32).</summary>
    public Inst Store(Opcode op, TrapCode trap, Value value, Value addr, long offset)
    {
        var i = Start(op, IrType.Invalid, [value, addr]);
        Dfg[i].Trap = trap;
        Dfg[i].Imm = offset;
        return Finish(i);
    }

    public Inst Store(TrapCode trap, Value value, Value addr, long offset = 0) => Store(Opcode.Store, trap, value, addr, offset);

    // ---- calls ----

    public Inst Call(FuncRef callee, params ReadOnlySpan<Value> args)
    {
        var i = Start(Opcode.Call, IrType.Invalid, args);
        Dfg[i].Ref = callee.Index;
        return Finish(i);
    }

    public Inst CallIndirect(SigRef sig, Value callee, params ReadOnlySpan<Value> args)
    {
        Span<Value> all = args.Length < 16 ? stackalloc Value[args.Length + 1] : new Value[args.Length + 1];
        all[0] = callee;
        args.CopyTo(all[1..]);
        var i = Start(Opcode.CallIndirect, IrType.Invalid, all);
        Dfg[i].Ref = sig.Index;
        return Finish(i);
    }

    public Value FuncAddr(FuncRef f)
    {
        var i = Start(Opcode.FuncAddr, IrType.IPtr, []);
        Dfg[i].Ref = f.Index;
        return Dfg.FirstResult(Finish(i));
    }

    public Value StackAddr(StackSlot slot)
    {
        var i = Start(Opcode.StackAddr, IrType.IPtr, []);
        Dfg[i].Ref = slot.Index;
        return Dfg.FirstResult(Finish(i));
    }

    // ---- control ----

    public Inst Jump(Block target, params ReadOnlySpan<Value> args)
    {
        var i = Start(Opcode.Jump, IrType.Invalid, []);
        Dfg.AddBlockCall(i, target, args);
        return Finish(i);
    }

    public Inst Brif(Value cond, Block then, ReadOnlySpan<Value> thenArgs, Block @else, ReadOnlySpan<Value> elseArgs)
    {
        var i = Start(Opcode.Brif, IrType.Invalid, [cond]);
        Dfg.AddBlockCall(i, then, thenArgs);
        Dfg.AddBlockCall(i, @else, elseArgs);
        return Finish(i);
    }

    public Inst Brif(Value cond, Block then, Block @else) => Brif(cond, then, [], @else, []);

    /// <summary>Ends the block after a call: on return to <paramref name="normal"/>, on unwinding to <paramref name="landing"/>.</summary>
    public Inst JumpUnwind(Block normal, ReadOnlySpan<Value> normalArgs, Block landing)
    {
        var i = Start(Opcode.JumpUnwind, IrType.Invalid, []);
        Dfg.AddBlockCall(i, normal, normalArgs);
        Dfg.AddBlockCall(i, landing, []);
        return Finish(i);
    }

    /// <summary>br_table: index selects <paramref name="targets"/>[index], out of range goes to the default.</summary>
    public Inst BrTable(Value index, JumpTarget @default, ReadOnlySpan<JumpTarget> targets)
    {
        var i = Start(Opcode.BrTable, IrType.Invalid, [index]);
        Dfg.AddBlockCall(i, @default.Block, @default.Args);
        foreach (var t in targets)
        {
            Dfg.AddBlockCall(i, t.Block, t.Args);
        }
        return Finish(i);
    }

    public Inst Return(params ReadOnlySpan<Value> values) => Finish(Start(Opcode.Return, IrType.Invalid, values));

    public Inst Trap(TrapCode code)
    {
        var i = Start(Opcode.Trap, IrType.Invalid, []);
        Dfg[i].Trap = code;
        return Finish(i);
    }

    public Inst Trapz(Value cond, TrapCode code)
    {
        var i = Start(Opcode.Trapz, IrType.Invalid, [cond]);
        Dfg[i].Trap = code;
        return Finish(i);
    }

    public Inst Trapnz(Value cond, TrapCode code)
    {
        var i = Start(Opcode.Trapnz, IrType.Invalid, [cond]);
        Dfg[i].Trap = code;
        return Finish(i);
    }
}
