namespace Kiln.IR;

/// <summary>
/// The arenas of a function: instructions, values, blocks, and the two shared pools (values, block calls)
/// that hold every variable-length list as a (start, count) slice. Ids are dense ints; nothing here is an
/// object per instruction. Spans returned by accessors are views into the pools: do not hold them across
/// a mutation that may grow a pool.
/// A list that must grow and is not at the end of its pool is copied to the end; the old slots are left
/// behind (garbage until the function is dropped), which keeps every edit O(list length).
/// </summary>
public sealed class DataFlowGraph
{
    private InstData[] insts = new InstData[64];
    private ValueData[] values = new ValueData[64];
    private int[] blockParamStart = new int[16];
    private int[] blockParamCount = new int[16];
    private Value[] pool = new Value[256];
    private BlockCall[] calls = new BlockCall[32];
    private int callCount;

    public int InstCount { get; private set; }

    public int ValueCount { get; private set; }

    public int BlockCount { get; private set; }

    /// <summary>Number of pool slots in use, live or abandoned; useful for tests and statistics.</summary>
    public int PoolSize { get; private set; }

    public List<Signature> Signatures { get; } = [];

    public List<ExtFunc> ExtFuncs { get; } = [];

    public List<StackSlotData> StackSlots { get; } = [];

    // ---- instructions ----

    public ref InstData this[Inst inst] => ref insts[inst.Index];

    /// <summary>Adds an instruction with the given operands and no results; see <see cref="MakeResults"/>.</summary>
    public Inst MakeInst(Opcode op, IrType ctrl, ReadOnlySpan<Value> args)
    {
        if (InstCount == insts.Length)
        {
            Array.Resize(ref insts, insts.Length * 2);
        }
        var inst = new Inst(InstCount++);
        ref var d = ref insts[inst.Index];
        d = default;
        d.Opcode = op;
        d.Type = ctrl;
        d.ArgStart = AllocList(args);
        d.ArgCount = args.Length;
        d.CallStart = callCount;
        return inst;
    }

    public Span<Value> Args(Inst inst)
    {
        ref var d = ref insts[inst.Index];
        return pool.AsSpan(d.ArgStart, d.ArgCount);
    }

    public ReadOnlySpan<Value> Results(Inst inst)
    {
        ref var d = ref insts[inst.Index];
        return pool.AsSpan(d.ResultStart, d.ResultCount);
    }

    /// <summary>The single result, or <see cref="Value.None"/>.</summary>
    public Value FirstResult(Inst inst)
    {
        ref var d = ref insts[inst.Index];
        return d.ResultCount == 0 ? Value.None : pool[d.ResultStart];
    }

    /// <summary>Replaces the operand list (may change its length).</summary>
    public void SetArgs(Inst inst, ReadOnlySpan<Value> args)
    {
        ref var d = ref insts[inst.Index];
        if (args.Length <= d.ArgCount)
        {
            args.CopyTo(pool.AsSpan(d.ArgStart));
        }
        else
        {
            d.ArgStart = AllocList(args);
        }
        d.ArgCount = args.Length;
    }

    /// <summary>Number of results the instruction has by its opcode, type and callee signature.</summary>
    public int ResultTypeCount(Inst inst)
    {
        ref var d = ref insts[inst.Index];
        return d.Info.Results switch
        {
            ResultKind.None => 0,
            ResultKind.Signature => CalleeSignature(inst).Results.Length,
            _ => 1,
        };
    }

    public IrType ResultType(Inst inst, int i)
    {
        ref var d = ref insts[inst.Index];
        return d.Info.Results switch
        {
            ResultKind.Ctrl => d.Type,
            ResultKind.I32 => IrType.I32,
            ResultKind.Signature => CalleeSignature(inst).Results[i],
            _ => throw new InvalidOperationException($"{d.Opcode} has no results"),
        };
    }

    /// <summary>The signature of a call or call_indirect.</summary>
    public Signature CalleeSignature(Inst inst)
    {
        ref var d = ref insts[inst.Index];
        int sig = d.Opcode == Opcode.Call ? ExtFuncs[d.Ref].Signature.Index : d.Ref;
        return Signatures[sig];
    }

    /// <summary>Creates fresh result values typed by the opcode.</summary>
    public void MakeResults(Inst inst)
    {
        int n = ResultTypeCount(inst);
        ref var d = ref insts[inst.Index];
        d.ResultStart = PoolReserve(n);
        d.ResultCount = n;
        for (int i = 0; i < n; i++)
        {
            var v = NewValue(ValueKind.Result, ResultType(inst, i), inst.Index, i);
            pool[insts[inst.Index].ResultStart + i] = v;
        }
    }

    /// <summary>Attaches results with caller-chosen value numbers (used by the parser to keep text numbering).</summary>
    public void AttachResults(Inst inst, ReadOnlySpan<Value> chosen)
    {
        ref var d = ref insts[inst.Index];
        d.ResultStart = AllocList(chosen);
        d.ResultCount = chosen.Length;
        for (int i = 0; i < chosen.Length; i++)
        {
            DefineAt(chosen[i], ValueKind.Result, ResultType(inst, i), inst.Index, i);
        }
    }

    /// <summary>Turns an instruction into another in place, keeping its result values (e.g. a folded add
    /// becomes an iconst). Operands and block calls are cleared.</summary>
    public void Replace(Inst inst, Opcode op, IrType ctrl, long imm = 0)
    {
        ref var d = ref insts[inst.Index];
        d.Opcode = op;
        d.Type = ctrl;
        d.Imm = imm;
        d.ArgCount = 0;
        d.CallCount = 0;
        d.Cond = 0;
        d.Trap = TrapCode.None;
        for (int i = 0; i < d.ResultCount; i++)
        {
            values[pool[d.ResultStart + i].Index].Type = ResultType(inst, i);
        }
    }

    // ---- block calls ----

    public Span<BlockCall> BlockCalls(Inst inst)
    {
        ref var d = ref insts[inst.Index];
        return calls.AsSpan(d.CallStart, d.CallCount);
    }

    public Span<Value> BlockCallArgs(in BlockCall call) => pool.AsSpan(call.ArgStart, call.ArgCount);

    public Span<Value> BlockCallArgs(Inst inst, int call)
    {
        ref var c = ref calls[insts[inst.Index].CallStart + call];
        return pool.AsSpan(c.ArgStart, c.ArgCount);
    }

    /// <summary>Appends a target to the instruction's block-call list.</summary>
    public void AddBlockCall(Inst inst, Block target, ReadOnlySpan<Value> args)
    {
        ref var d = ref insts[inst.Index];
        if (d.CallStart + d.CallCount != callCount)
        {
            // Not at the end of the pool: move the list there first.
            EnsureCalls(d.CallCount + 1);
            Array.Copy(calls, d.CallStart, calls, callCount, d.CallCount);
            d.CallStart = callCount;
            callCount += d.CallCount;
        }
        EnsureCalls(1);
        calls[callCount++] = new BlockCall { Block = target, ArgStart = AllocList(args), ArgCount = args.Length };
        d.CallCount++;
    }

    public void SetBlockCallTarget(Inst inst, int call, Block target) =>
        calls[insts[inst.Index].CallStart + call].Block = target;

    public void SetBlockCallArgs(Inst inst, int call, ReadOnlySpan<Value> args)
    {
        ref var c = ref calls[insts[inst.Index].CallStart + call];
        if (args.Length <= c.ArgCount)
        {
            args.CopyTo(pool.AsSpan(c.ArgStart));
        }
        else
        {
            c.ArgStart = AllocList(args);
        }
        c.ArgCount = args.Length;
    }

    public void AppendBlockCallArg(Inst inst, int call, Value v)
    {
        ref var c = ref calls[insts[inst.Index].CallStart + call];
        AppendToList(ref c.ArgStart, ref c.ArgCount, v);
    }

    public void RemoveBlockCallArg(Inst inst, int call, int index)
    {
        ref var c = ref calls[insts[inst.Index].CallStart + call];
        pool.AsSpan(c.ArgStart + index + 1, c.ArgCount - index - 1).CopyTo(pool.AsSpan(c.ArgStart + index));
        c.ArgCount--;
    }

    /// <summary>Keeps only the first <paramref name="count"/> block calls (a brif becoming a jump).</summary>
    public void TruncateBlockCalls(Inst inst, int count) => insts[inst.Index].CallCount = count;

    // ---- blocks ----

    public Block MakeBlock()
    {
        EnsureBlocks(BlockCount + 1);
        var b = new Block(BlockCount++);
        blockParamStart[b.Index] = PoolSize;
        blockParamCount[b.Index] = 0;
        return b;
    }

    /// <summary>Makes sure blocks 0..n-1 exist (the parser keeps the text's block numbers).</summary>
    public void EnsureBlockCount(int n)
    {
        while (BlockCount < n)
        {
            MakeBlock();
        }
    }

    public ReadOnlySpan<Value> BlockParams(Block b) =>
        pool.AsSpan(blockParamStart[b.Index], blockParamCount[b.Index]);

    public Value AppendBlockParam(Block b, IrType type)
    {
        var v = NewValue(ValueKind.Param, type, b.Index, blockParamCount[b.Index]);
        AppendToList(ref blockParamStart[b.Index], ref blockParamCount[b.Index], v);
        return v;
    }

    /// <summary>Appends a parameter with a caller-chosen value number.</summary>
    public void AttachBlockParam(Block b, Value v, IrType type)
    {
        DefineAt(v, ValueKind.Param, type, b.Index, blockParamCount[b.Index]);
        AppendToList(ref blockParamStart[b.Index], ref blockParamCount[b.Index], v);
    }

    /// <summary>Removes parameter <paramref name="index"/>; the caller fixes branch arguments and uses
    /// (usually by making the value an alias). The removed value is left as it was.</summary>
    public void RemoveBlockParam(Block b, int index)
    {
        int start = blockParamStart[b.Index], count = blockParamCount[b.Index];
        for (int i = index + 1; i < count; i++)
        {
            var v = pool[start + i];
            pool[start + i - 1] = v;
            values[v.Index].Num = i - 1;
        }
        blockParamCount[b.Index] = count - 1;
    }

    // ---- values ----

    public ref readonly ValueData ValueInfo(Value v) => ref values[v.Index];

    public IrType ValueType(Value v) => values[v.Index].Type;

    /// <summary>Follows aliases to the value that is really defined.</summary>
    public Value Resolve(Value v)
    {
        while (values[v.Index].Kind == ValueKind.Alias)
        {
            v = new Value(values[v.Index].Def);
        }
        return v;
    }

    /// <summary>The instruction defining a result value (after alias resolution), else <see cref="Inst.None"/>.</summary>
    public Inst DefiningInst(Value v)
    {
        ref var d = ref values[Resolve(v).Index];
        return d.Kind == ValueKind.Result ? new Inst(d.Def) : Inst.None;
    }

    /// <summary>Makes every use of <paramref name="v"/> mean <paramref name="target"/>. Uses are rewritten
    /// lazily by <see cref="ResolveAllAliases"/>; the pass manager does so after every pass.</summary>
    public void ChangeToAlias(Value v, Value target)
    {
        target = Resolve(target);
        if (target == v)
        {
            throw new InvalidOperationException($"alias cycle on {v}");
        }
        ref var d = ref values[v.Index];
        if (d.Type != values[target.Index].Type)
        {
            throw new InvalidOperationException($"alias {v} -> {target} changes type");
        }
        d.Kind = ValueKind.Alias;
        d.Def = target.Index;
        d.Num = 0;
    }

    /// <summary>Rewrites every operand and branch argument in the arena to its alias target. Result and
    /// parameter lists are left alone: an aliased value is never still defined.</summary>
    public void ResolveAllAliases()
    {
        for (int i = 0; i < InstCount; i++)
        {
            ref var d = ref insts[i];
            ResolveSlice(d.ArgStart, d.ArgCount);
            for (int c = d.CallStart; c < d.CallStart + d.CallCount; c++)
            {
                ResolveSlice(calls[c].ArgStart, calls[c].ArgCount);
            }
        }
    }

    private void ResolveSlice(int start, int count)
    {
        for (int i = start; i < start + count; i++)
        {
            pool[i] = Resolve(pool[i]);
        }
    }

    /// <summary>Makes sure values 0..n-1 exist; new ones are <see cref="ValueKind.Invalid"/>.</summary>
    public void EnsureValueCount(int n)
    {
        if (n > values.Length)
        {
            Array.Resize(ref values, Math.Max(n, values.Length * 2));
        }
        for (int i = ValueCount; i < n; i++)
        {
            values[i] = default;
        }
        ValueCount = Math.Max(ValueCount, n);
    }

    private Value NewValue(ValueKind kind, IrType type, int def, int num)
    {
        var v = new Value(ValueCount);
        EnsureValueCount(ValueCount + 1);
        values[v.Index] = new ValueData { Kind = kind, Type = type, Def = def, Num = num };
        return v;
    }

    private void DefineAt(Value v, ValueKind kind, IrType type, int def, int num)
    {
        EnsureValueCount(v.Index + 1);
        if (values[v.Index].Kind != ValueKind.Invalid)
        {
            throw new InvalidOperationException($"{v} defined twice");
        }
        values[v.Index] = new ValueData { Kind = kind, Type = type, Def = def, Num = num };
    }

    // ---- pools ----

    private int AllocList(ReadOnlySpan<Value> vals)
    {
        int start = PoolReserve(vals.Length);
        vals.CopyTo(pool.AsSpan(start));
        return start;
    }

    private int PoolReserve(int n)
    {
        if (PoolSize + n > pool.Length)
        {
            Array.Resize(ref pool, Math.Max(PoolSize + n, pool.Length * 2));
        }
        int start = PoolSize;
        PoolSize += n;
        return start;
    }

    private void AppendToList(ref int start, ref int count, Value v)
    {
        if (start + count != PoolSize)
        {
            int moved = PoolReserve(count + 1);
            Array.Copy(pool, start, pool, moved, count);
            start = moved;
        }
        else
        {
            PoolReserve(1);
        }
        pool[start + count] = v;
        count++;
    }

    private void EnsureCalls(int extra)
    {
        if (callCount + extra > calls.Length)
        {
            Array.Resize(ref calls, Math.Max(callCount + extra, calls.Length * 2));
        }
    }

    private void EnsureBlocks(int n)
    {
        if (n > blockParamStart.Length)
        {
            int size = Math.Max(n, blockParamStart.Length * 2);
            Array.Resize(ref blockParamStart, size);
            Array.Resize(ref blockParamCount, size);
        }
    }
}
