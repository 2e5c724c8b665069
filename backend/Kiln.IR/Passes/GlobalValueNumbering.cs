using Kiln.IR.Analysis;

namespace Kiln.IR.Passes;

/// <summary>
/// Dominator-based global value numbering (common subexpression elimination): walking the dominator
/// tree in preorder with a scoped table, a pure instruction identical to one in a dominating position
/// is removed and its result aliased to the earlier one. Only pure instructions qualify (no side
/// effects, no traps, no memory access, no calls); operands of commutative opcodes are ordered first.
/// </summary>
public sealed class GlobalValueNumbering : IPass
{
    public string Name => "gvn";

    private readonly record struct Key(Opcode Op, IrType Type, byte Cond, long Imm, int Ref, int Count, Value A0, Value A1, Value A2);

    public bool Run(Function f)
    {
        var dfg = f.Dfg;
        var cfg = ControlFlowGraph.Compute(f);
        var dom = DominatorTree.Compute(f, cfg);
        var table = new Dictionary<Key, Value>();
        var undo = new List<Key>();
        var stack = new Stack<(Block Block, int Next, int Mark)>();
        bool changed = false;
        if (!f.Entry.IsValid)
        {
            return false;
        }
        stack.Push((f.Entry, -1, 0));
        while (stack.Count > 0)
        {
            var (b, next, mark) = stack.Pop();
            if (next < 0)
            {
                mark = undo.Count;
                changed |= NumberBlock(f, b, table, undo);
                next = 0;
            }
            var children = dom.Children(b);
            if (next < children.Length)
            {
                stack.Push((b, next + 1, mark));
                stack.Push((children[next], -1, 0));
                continue;
            }
            // Leaving b's subtree: its entries stop dominating what comes next.
            for (int i = undo.Count - 1; i >= mark; i--)
            {
                table.Remove(undo[i]);
            }
            undo.RemoveRange(mark, undo.Count - mark);
        }
        return changed;

        bool NumberBlock(Function func, Block b, Dictionary<Key, Value> t, List<Key> u)
        {
            bool any = false;
            foreach (var inst in func.Layout.Insts(b))
            {
                ref var d = ref dfg[inst];
                if (!func.IsPure(inst) || d.ResultCount != 1 || d.ArgCount > 3)
                {
                    continue;
                }
                var args = dfg.Args(inst);
                var a0 = args.Length > 0 ? dfg.Resolve(args[0]) : Value.None;
                var a1 = args.Length > 1 ? dfg.Resolve(args[1]) : Value.None;
                var a2 = args.Length > 2 ? dfg.Resolve(args[2]) : Value.None;
                if (d.Info.Is(OpFlags.Commutative) && a1.Index < a0.Index)
                {
                    (a0, a1) = (a1, a0);
                }
                var key = new Key(d.Opcode, d.Type, d.Cond, d.Imm, d.Ref, args.Length, a0, a1, a2);
                var result = dfg.FirstResult(inst);
                if (t.TryGetValue(key, out var existing))
                {
                    func.Layout.RemoveInst(inst);
                    dfg.ChangeToAlias(result, existing);
                    any = true;
                }
                else
                {
                    t.Add(key, result);
                    u.Add(key);
                }
            }
            return any;
        }
    }
}
