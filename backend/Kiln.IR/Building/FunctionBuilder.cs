namespace Kiln.IR.Building;

/// <summary>
/// Front-end API: create blocks, switch between them, insert instructions through <see cref="Ins"/>, and
/// read/write variables that become SSA values. SSA construction follows Braun et al., "Simple and
/// Efficient Construction of Static Single Assignment Form" (CC 2013): a variable read in a block with
/// unknown predecessors gets a placeholder block parameter, completed when the block is sealed; a
/// parameter that receives only one value (besides itself) is trivial and is removed, recursively for
/// the parameters that used it.
/// Rules: seal a block once all its predecessors have branched to it; append explicit block parameters
/// before branching to the block; predecessors are tracked only for branches inserted through this builder.
/// </summary>
public sealed class FunctionBuilder
{
    private readonly List<BlockState> blocks = [];
    private readonly List<IrType> varTypes = [];
    private readonly Dictionary<long, Value> defs = [];
    private readonly Dictionary<Value, List<Value>> paramUsers = [];
    private readonly Dictionary<IrType, Value> zeros = [];
    // The (variable, block) pairs of the current walk up single-predecessor chains; a repeat means a cycle made
    // only of single-predecessor blocks (unreachable code). A block parameter ends a walk: reads below it start
    // a fresh one, kept on this stack of reusable sets.
    private HashSet<long> singlePredWalk = [];
    private readonly Stack<HashSet<long>> suspendedWalks = new();
    private readonly Stack<HashSet<long>> freeWalks = new();
    private Block current = Block.None;

    public FunctionBuilder(Function func)
    {
        Func = func;
    }

    public Function Func { get; }

    public Block CurrentBlock => current;

    /// <summary>Creates a block (not yet placed; it is appended to the layout when first switched to).</summary>
    public Block CreateBlock()
    {
        var b = Func.Dfg.MakeBlock();
        while (blocks.Count <= b.Index)
        {
            blocks.Add(new BlockState());
        }
        return b;
    }

    public Value AppendBlockParam(Block b, IrType type) => Func.Dfg.AppendBlockParam(b, type);

    /// <summary>Adds the function signature's parameters to <paramref name="entry"/>.</summary>
    public void AppendParamsFromSignature(Block entry)
    {
        foreach (var t in Func.Signature.Params)
        {
            AppendBlockParam(entry, t);
        }
    }

    public void SwitchToBlock(Block b)
    {
        if (!Func.Layout.Contains(b))
        {
            Func.Layout.AppendBlock(b);
        }
        current = b;
    }

    /// <summary>Inserts at the end of the current block.</summary>
    public InstBuilder Ins()
    {
        if (!current.IsValid)
        {
            throw new InvalidOperationException("no current block: call SwitchToBlock first");
        }
        return new InstBuilder(Func, current, Inst.None, this);
    }

    /// <summary>Whether the current block already ends in a terminator (code after it is unreachable).</summary>
    public bool IsFilled => current.IsValid && Func.Terminator(current).IsValid;

    public bool IsSealed(Block b) => blocks[b.Index].Sealed;

    // ---- variables ----

    public Variable DeclareVar(IrType type)
    {
        varTypes.Add(type);
        return new Variable(varTypes.Count - 1);
    }

    public void DefVar(Variable v, Value value)
    {
        if (Func.Dfg.ValueType(value) != varTypes[v.Index])
        {
            throw new InvalidOperationException($"{v} has type {varTypes[v.Index].Name()}, {value} is {Func.Dfg.ValueType(value).Name()}");
        }
        defs[Key(v, current)] = value;
    }

    public Value UseVar(Variable v) => Func.Dfg.Resolve(Read(v, current));

    /// <summary>Declares that every predecessor of <paramref name="b"/> is known.</summary>
    public void SealBlock(Block b)
    {
        var state = blocks[b.Index];
        if (state.Sealed)
        {
            return;
        }
        state.Sealed = true;
        foreach (var (v, param) in state.Incomplete)
        {
            AddParamOperands(v, b, param);
        }
        state.Incomplete.Clear();
    }

    public void SealAllBlocks()
    {
        for (int i = 0; i < blocks.Count; i++)
        {
            SealBlock(new Block(i));
        }
    }

    /// <summary>Completes construction: every block must be sealed; aliases are resolved away.</summary>
    public void Finish()
    {
        for (int i = 0; i < blocks.Count; i++)
        {
            if (!blocks[i].Sealed && Func.Layout.Contains(new Block(i)))
            {
                throw new InvalidOperationException($"block{i} was never sealed");
            }
        }
        Func.Dfg.ResolveAllAliases();
    }

    internal void OnInserted(Inst inst, Block block)
    {
        var calls = Func.Dfg.BlockCalls(inst);
        for (int c = 0; c < calls.Length; c++)
        {
            var target = blocks[calls[c].Block.Index];
            if (target.Sealed)
            {
                throw new InvalidOperationException($"{calls[c].Block} is sealed; no new predecessor may branch to it");
            }
            var preds = target.Preds;
            if (preds.Count == 0 || preds[^1].Branch != inst)
            {
                preds.Add((block, inst));
            }
        }
    }

    private static long Key(Variable v, Block b) => ((long)v.Index << 32) | (uint)b.Index;

    private Value Read(Variable v, Block b)
    {
        if (defs.TryGetValue(Key(v, b), out var val))
        {
            return val;
        }
        return ReadRecursive(v, b);
    }

    private Value ReadRecursive(Variable v, Block b)
    {
        var state = blocks[b.Index];
        Value val;
        if (!state.Sealed)
        {
            val = Func.Dfg.AppendBlockParam(b, varTypes[v.Index]);
            state.Incomplete.Add((v, val));
        }
        else if (state.Preds.Count == 1)
        {
            // A cycle of single-predecessor blocks is unreachable code: the variable is undefined there.
            long key = Key(v, b);
            if (!singlePredWalk.Add(key))
            {
                return Zero(varTypes[v.Index]);
            }
            val = Read(v, state.Preds[0].From);
            singlePredWalk.Remove(key);
        }
        else if (state.Preds.Count == 0)
        {
            // Read before any definition on some path (the entry, or an unreachable block).
            val = Zero(varTypes[v.Index]);
        }
        else
        {
            val = Func.Dfg.AppendBlockParam(b, varTypes[v.Index]);
            defs[Key(v, b)] = val;
            // The parameter is defined before its operands are read, so any path that comes back here stops at
            // it: the reads below are a new walk. Sharing the outer walk would mistake a loop through this block
            // for an unreachable single-predecessor cycle and read zero.
            suspendedWalks.Push(singlePredWalk);
            singlePredWalk = freeWalks.Count > 0 ? freeWalks.Pop() : [];
            val = AddParamOperands(v, b, val);
            singlePredWalk.Clear();
            freeWalks.Push(singlePredWalk);
            singlePredWalk = suspendedWalks.Pop();
        }
        defs[Key(v, b)] = val;
        return val;
    }

    private Value AddParamOperands(Variable v, Block b, Value param)
    {
        foreach (var (from, branch) in blocks[b.Index].Preds)
        {
            var op = Func.Dfg.Resolve(Read(v, from));
            var calls = Func.Dfg.BlockCalls(branch);
            for (int c = 0; c < calls.Length; c++)
            {
                if (calls[c].Block == b)
                {
                    Func.Dfg.AppendBlockCallArg(branch, c, op);
                }
            }
            if (Func.Dfg.ValueInfo(op).Kind == ValueKind.Param)
            {
                if (!paramUsers.TryGetValue(op, out var users))
                {
                    paramUsers[op] = users = [];
                }
                users.Add(param);
            }
        }
        return TryRemoveTrivialParam(b, param);
    }

    private Value TryRemoveTrivialParam(Block b, Value param)
    {
        var dfg = Func.Dfg;
        ref readonly var info = ref dfg.ValueInfo(param);
        if (info.Kind != ValueKind.Param)
        {
            return dfg.Resolve(param);
        }
        int index = info.Num;
        var same = Value.None;
        foreach (var (_, branch) in blocks[b.Index].Preds)
        {
            var calls = dfg.BlockCalls(branch);
            for (int c = 0; c < calls.Length; c++)
            {
                if (calls[c].Block != b)
                {
                    continue;
                }
                var op = dfg.Resolve(dfg.BlockCallArgs(calls[c])[index]);
                if (op == same || op == param)
                {
                    continue;
                }
                if (same.IsValid)
                {
                    return param;
                }
                same = op;
            }
        }
        if (!same.IsValid)
        {
            same = Zero(dfg.ValueType(param));
        }

        // Remove the parameter and the matching argument of every incoming edge.
        dfg.RemoveBlockParam(b, index);
        foreach (var (_, branch) in blocks[b.Index].Preds)
        {
            var calls = dfg.BlockCalls(branch);
            for (int c = 0; c < calls.Length; c++)
            {
                if (calls[c].Block == b)
                {
                    dfg.RemoveBlockCallArg(branch, c, index);
                }
            }
        }
        dfg.ChangeToAlias(param, same);

        if (paramUsers.Remove(param, out var users))
        {
            if (dfg.ValueInfo(same).Kind == ValueKind.Param)
            {
                if (!paramUsers.TryGetValue(same, out var sameUsers))
                {
                    paramUsers[same] = sameUsers = [];
                }
                sameUsers.AddRange(users);
            }
            foreach (var user in users)
            {
                ref readonly var u = ref dfg.ValueInfo(user);
                if (u.Kind == ValueKind.Param && user != same)
                {
                    TryRemoveTrivialParam(new Block(u.Def), user);
                }
            }
        }
        return dfg.Resolve(same);
    }

    /// <summary>A zero of the type at the top of the entry block, which dominates every reachable use.</summary>
    private Value Zero(IrType type)
    {
        if (zeros.TryGetValue(type, out var z))
        {
            return z;
        }
        var entry = Func.Entry;
        var first = Func.Layout.FirstInst(entry);
        var ins = first.IsValid ? new InstBuilder(Func, entry, first, null) : new InstBuilder(Func, entry, Inst.None, null);
        z = type switch
        {
            IrType.F32 => ins.F32const(0),
            IrType.F64 => ins.F64const(0),
            IrType.V128 => throw new InvalidOperationException("v128 variable read before definition"),
            _ => ins.Iconst(type, 0),
        };
        zeros[type] = z;
        return z;
    }

    private sealed class BlockState
    {
        public bool Sealed;
        public readonly List<(Block From, Inst Branch)> Preds = [];
        public readonly List<(Variable Var, Value Param)> Incomplete = [];
    }
}
