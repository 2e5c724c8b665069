namespace Kiln.IR.Passes;

/// <summary>
/// Mark-and-sweep dead code elimination. Roots are instructions that have side effects, may trap, or
/// end a block; liveness flows backwards through operands, and through block parameters to the branch
/// arguments that feed them, so a parameter used only to feed itself around a loop dies with its
/// arguments. Removes dead pure instructions (notrap loads included) and dead parameters of non-entry blocks.
/// </summary>
public sealed class DeadCodeElimination : IPass
{
    public string Name => "dce";

    public bool Run(Function f)
    {
        var dfg = f.Dfg;
        var live = new bool[dfg.ValueCount];
        var liveInst = new bool[dfg.InstCount];
        var work = new Stack<Value>();

        // Every incoming edge of every block: (branch, call index), to push arguments of live params.
        var incoming = new List<(Inst Branch, int Call)>[dfg.BlockCount];
        foreach (var b in f.Layout.Blocks)
        {
            foreach (var inst in f.Layout.Insts(b))
            {
                var calls = dfg.BlockCalls(inst);
                for (int c = 0; c < calls.Length; c++)
                {
                    (incoming[calls[c].Block.Index] ??= []).Add((inst, c));
                }
                if (dfg[inst].Info.Is(OpFlags.SideEffect | OpFlags.Terminator | OpFlags.Call) || f.CanTrap(inst))
                {
                    liveInst[inst.Index] = true;
                    foreach (var a in dfg.Args(inst))
                    {
                        work.Push(a);
                    }
                }
            }
        }
        foreach (var p in dfg.BlockParams(f.Entry))
        {
            work.Push(p);
        }

        while (work.Count > 0)
        {
            var v = dfg.Resolve(work.Pop());
            if (live[v.Index])
            {
                continue;
            }
            live[v.Index] = true;
            ref readonly var vd = ref dfg.ValueInfo(v);
            if (vd.Kind == ValueKind.Result)
            {
                var inst = new Inst(vd.Def);
                if (!liveInst[inst.Index])
                {
                    liveInst[inst.Index] = true;
                    foreach (var a in dfg.Args(inst))
                    {
                        work.Push(a);
                    }
                }
            }
            else if (vd.Kind == ValueKind.Param && incoming[vd.Def] is { } edges)
            {
                foreach (var (branch, call) in edges)
                {
                    work.Push(dfg.BlockCallArgs(branch, call)[vd.Num]);
                }
            }
        }

        bool changed = false;
        foreach (var b in f.Layout.Blocks)
        {
            foreach (var inst in f.Layout.Insts(b))
            {
                if (!liveInst[inst.Index])
                {
                    f.Layout.RemoveInst(inst);
                    changed = true;
                }
            }
            if (b == f.Entry)
            {
                continue;
            }
            var ps = dfg.BlockParams(b);
            for (int i = ps.Length - 1; i >= 0; i--)
            {
                if (live[ps[i].Index])
                {
                    continue;
                }
                dfg.RemoveBlockParam(b, i);
                if (incoming[b.Index] is { } edges)
                {
                    foreach (var (branch, call) in edges)
                    {
                        dfg.RemoveBlockCallArg(branch, call, i);
                    }
                }
                changed = true;
                ps = dfg.BlockParams(b);
            }
        }
        return changed;
    }
}
