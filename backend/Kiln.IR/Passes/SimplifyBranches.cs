using Kiln.IR.Analysis;

namespace Kiln.IR.Passes;

/// <summary>
/// Control-flow cleanup, repeated until nothing changes:
/// branches on constants become jumps (brif, br_table; also brif with two identical targets);
/// unreachable blocks are removed; predecessors of a block holding only a jump are threaded to its
/// target; a block reached only by a jump from one block is merged into it; and a block parameter that
/// receives the same value on every edge (ignoring itself) is replaced by that value (copy propagation).
/// </summary>
public sealed class SimplifyBranches : IPass
{
    public string Name => "simplify-branches";

    public bool Run(Function f)
    {
        bool any = false;
        bool changed = true;
        // Each round strictly simplifies in practice; the cap guards against ping-pong on odd graphs.
        for (int round = 0; changed && round < 64; round++)
        {
            changed = FoldConstantBranches(f);
            changed |= RemoveUnreachable(f);
            changed |= ThreadJumps(f);
            changed |= RemoveUnreachable(f);
            changed |= MergeBlocks(f);
            changed |= RemoveRedundantParams(f);
            any |= changed;
            CompileCheckpoint.Reach();
        }
        return any;
    }

    private static bool ConstValue(DataFlowGraph dfg, Value v, out long value)
    {
        var def = dfg.DefiningInst(v);
        value = def.IsValid ? dfg[def].Imm : 0;
        return def.IsValid && dfg[def].Opcode == Opcode.Iconst;
    }

    private static bool FoldConstantBranches(Function f)
    {
        var dfg = f.Dfg;
        bool changed = false;
        foreach (var b in f.Layout.Blocks)
        {
            var term = f.Terminator(b);
            if (!term.IsValid)
            {
                continue;
            }
            ref var d = ref dfg[term];
            int keep = -1;
            if (d.Opcode == Opcode.Brif)
            {
                var calls = dfg.BlockCalls(term);
                if (ConstValue(dfg, dfg.Args(term)[0], out long c))
                {
                    keep = c != 0 ? 0 : 1;
                }
                else if (calls[0].Block == calls[1].Block && SameArgs(dfg, calls[0], calls[1]))
                {
                    keep = 0;
                }
            }
            else if (d.Opcode == Opcode.BrTable && ConstValue(dfg, dfg.Args(term)[0], out long index))
            {
                uint u = (uint)index;
                keep = u < (uint)(d.CallCount - 1) ? (int)u + 1 : 0;
            }
            if (keep < 0)
            {
                continue;
            }
            if (keep != 0)
            {
                var call = dfg.BlockCalls(term)[keep];
                dfg.SetBlockCallTarget(term, 0, call.Block);
                dfg.SetBlockCallArgs(term, 0, dfg.BlockCallArgs(call));
            }
            dfg.TruncateBlockCalls(term, 1);
            d.Opcode = Opcode.Jump;
            d.ArgCount = 0;
            changed = true;
        }
        return changed;
    }

    private static bool SameArgs(DataFlowGraph dfg, in BlockCall x, in BlockCall y)
    {
        var a = dfg.BlockCallArgs(x);
        var b = dfg.BlockCallArgs(y);
        if (a.Length != b.Length)
        {
            return false;
        }
        for (int i = 0; i < a.Length; i++)
        {
            if (dfg.Resolve(a[i]) != dfg.Resolve(b[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool RemoveUnreachable(Function f)
    {
        var cfg = ControlFlowGraph.Compute(f);
        var rpo = ReversePostorder.Compute(f, cfg);
        bool changed = false;
        foreach (var b in BlocksOf(f))
        {
            if (!rpo.IsReachable(b))
            {
                f.Layout.RemoveBlock(b);
                changed = true;
            }
        }
        return changed;
    }

    private static Block[] BlocksOf(Function f)
    {
        var list = new List<Block>();
        foreach (var b in f.Layout.Blocks)
        {
            list.Add(b);
        }
        return [.. list];
    }

    /// <summary>Retargets every edge into a block that only jumps elsewhere.</summary>
    /// <remarks>The predecessor lists are kept up to date as edges move (a retargeted branch joins its new target's
    /// list) instead of recomputing the CFG after each threaded block, which made this pass quadratic in blocks
    /// (issue 17: 30,000 <c>if</c>s took 9 GB here). A list may name a branch twice or name one that no longer
    /// targets the block; the walk skips both (the <c>visited</c> stamp and the target test).</remarks>
    private static bool ThreadJumps(Function f)
    {
        var dfg = f.Dfg;
        var cfg = ControlFlowGraph.Compute(f);
        var preds = new List<Inst>?[dfg.BlockCount];
        foreach (var b in f.Layout.Blocks)
        {
            foreach (var p in cfg.Preds(b))
            {
                (preds[b.Index] ??= []).Add(p.Branch);
            }
        }
        var visited = new int[dfg.InstCount];
        int stamp = 0;
        var paramsEscape = BlocksWithParamsUsedElsewhere(f);
        var mapped = new List<Value>();
        bool changed = false;
        foreach (var e in BlocksOf(f))
        {
            var jump = f.Layout.FirstInst(e);
            if (e == f.Entry || !jump.IsValid || jump != f.Layout.LastInst(e) || dfg[jump].Opcode != Opcode.Jump)
            {
                continue;
            }
            // Threading bypasses E, so its parameters lose their definitions: only legal when nothing but
            // E's own jump reads them (a loop header whose body uses its params must stay).
            if (paramsEscape.Contains(e.Index))
            {
                continue;
            }
            var target = dfg.BlockCalls(jump)[0].Block;
            if (target == e || preds[e.Index] is not { } incomingBranches)
            {
                continue;
            }
            stamp++;
            foreach (var branch in incomingBranches)
            {
                if (visited[branch.Index] == stamp || !f.Layout.Contains(branch))
                {
                    continue;
                }
                visited[branch.Index] = stamp;
                bool moved = false;
                var calls = dfg.BlockCalls(branch);
                for (int c = 0; c < calls.Length; c++)
                {
                    if (calls[c].Block != e)
                    {
                        continue;
                    }
                    var incoming = dfg.BlockCallArgs(branch, c);
                    var jumpArgs = dfg.BlockCallArgs(jump, 0);
                    mapped.Clear();
                    for (int i = 0; i < jumpArgs.Length; i++)
                    {
                        var v = dfg.Resolve(jumpArgs[i]);
                        ref readonly var vd = ref dfg.ValueInfo(v);
                        // A param of E passes on what this edge gives it (its position is its Num).
                        mapped.Add(vd.Kind == ValueKind.Param && vd.Def == e.Index ? incoming[vd.Num] : v);
                    }
                    dfg.SetBlockCallTarget(branch, c, target);
                    dfg.SetBlockCallArgs(branch, c, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(mapped));
                    moved = changed = true;
                }
                if (moved)
                {
                    (preds[target.Index] ??= []).Add(branch);
                }
            }
            preds[e.Index] = null;
        }
        return changed;
    }

    /// <summary>Blocks with a parameter that some instruction other than the block's own terminator reads.</summary>
    private static HashSet<int> BlocksWithParamsUsedElsewhere(Function f)
    {
        var dfg = f.Dfg;
        var result = new HashSet<int>();
        foreach (var b in f.Layout.Blocks)
        {
            var last = f.Layout.LastInst(b);
            foreach (var inst in f.Layout.Insts(b))
            {
                foreach (var a in dfg.Args(inst)) Note(dfg, a, b, inst == last, result);
                var calls = dfg.BlockCalls(inst);
                for (int c = 0; c < calls.Length; c++)
                {
                    foreach (var a in dfg.BlockCallArgs(inst, c)) Note(dfg, a, b, inst == last, result);
                }
            }
        }
        return result;

        static void Note(DataFlowGraph dfg, Value v, Block user, bool inUsersTerminator, HashSet<int> result)
        {
            ref readonly var d = ref dfg.ValueInfo(dfg.Resolve(v));
            if (d.Kind == ValueKind.Param && !(inUsersTerminator && d.Def == user.Index)) result.Add(d.Def);
        }
    }

    /// <summary>Merges B into A when A ends in <c>jump B</c> and that is B's only incoming edge.</summary>
    private static bool MergeBlocks(Function f)
    {
        var dfg = f.Dfg;
        var cfg = ControlFlowGraph.Compute(f);
        bool changed = false;
        foreach (var a in BlocksOf(f))
        {
            while (f.Layout.Contains(a))
            {
                var jump = f.Layout.LastInst(a);
                if (dfg[jump].Opcode != Opcode.Jump)
                {
                    break;
                }
                var b = dfg.BlockCalls(jump)[0].Block;
                // Counting edges in the stale CFG stays right: merging moves B's edges to A, one for one.
                if (b == a || b == f.Entry || cfg.Preds(b).Length != 1)
                {
                    break;
                }
                var args = dfg.BlockCallArgs(jump, 0).ToArray();
                var ps = dfg.BlockParams(b).ToArray();
                for (int i = ps.Length - 1; i >= 0; i--)
                {
                    dfg.RemoveBlockParam(b, i);
                    dfg.ChangeToAlias(ps[i], args[i]);
                }
                f.Layout.RemoveInst(jump);
                f.Layout.MoveInstsToEnd(b, a);
                f.Layout.RemoveBlock(b);
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>Replaces a parameter that receives one value on every edge (besides itself) by that value.</summary>
    private static bool RemoveRedundantParams(Function f)
    {
        var dfg = f.Dfg;
        var cfg = ControlFlowGraph.Compute(f);
        bool changed = false;
        bool again = true;
        while (again)
        {
            again = false;
            foreach (var b in f.Layout.Blocks)
            {
                if (b == f.Entry)
                {
                    continue;
                }
                for (int i = dfg.BlockParams(b).Length - 1; i >= 0; i--)
                {
                    var param = dfg.BlockParams(b)[i];
                    var same = Value.None;
                    bool unique = true;
                    foreach (var pred in cfg.Preds(b))
                    {
                        var calls = dfg.BlockCalls(pred.Branch);
                        for (int c = 0; c < calls.Length && unique; c++)
                        {
                            if (calls[c].Block != b)
                            {
                                continue;
                            }
                            var v = dfg.Resolve(dfg.BlockCallArgs(calls[c])[i]);
                            if (v == param || v == same)
                            {
                                continue;
                            }
                            unique = !same.IsValid;
                            same = v;
                        }
                    }
                    if (!unique || !same.IsValid)
                    {
                        continue;
                    }
                    dfg.RemoveBlockParam(b, i);
                    foreach (var pred in cfg.Preds(b))
                    {
                        var calls = dfg.BlockCalls(pred.Branch);
                        for (int c = 0; c < calls.Length; c++)
                        {
                            if (calls[c].Block == b)
                            {
                                dfg.RemoveBlockCallArg(pred.Branch, c, i);
                            }
                        }
                    }
                    dfg.ChangeToAlias(param, same);
                    changed = again = true;
                }
            }
        }
        return changed;
    }
}
