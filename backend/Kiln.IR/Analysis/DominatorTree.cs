namespace Kiln.IR.Analysis;

/// <summary>
/// Immediate dominators by Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm": iterate
/// over reverse postorder intersecting predecessors' dominators until nothing changes. Handles
/// irreducible graphs. Dominance queries are O(1) through pre/post numbers of the dominator tree.
/// Unreachable blocks have no dominator and dominate nothing.
/// </summary>
public sealed class DominatorTree
{
    private readonly int[] idom;
    private readonly int[] childStart;
    private readonly Block[] children;
    private readonly int[] pre;
    private readonly int[] post;

    public ReversePostorder Rpo { get; }

    /// <summary>Blocks in dominator-tree preorder (a parent before its children).</summary>
    public Block[] Preorder { get; }

    private DominatorTree(ReversePostorder rpo, int[] idom, int[] childStart, Block[] children, int[] pre, int[] post, Block[] preorder)
    {
        Rpo = rpo;
        this.idom = idom;
        this.childStart = childStart;
        this.children = children;
        this.pre = pre;
        this.post = post;
        Preorder = preorder;
    }

    /// <summary>The immediate dominator; None for the entry and unreachable blocks.</summary>
    public Block Idom(Block b) => idom[b.Index] == b.Index ? Block.None : new Block(idom[b.Index]);

    public bool IsReachable(Block b) => Rpo.IsReachable(b);

    public ReadOnlySpan<Block> Children(Block b) =>
        children.AsSpan(childStart[b.Index], childStart[b.Index + 1] - childStart[b.Index]);

    /// <summary>Whether <paramref name="a"/> dominates <paramref name="b"/> (reflexive).</summary>
    public bool Dominates(Block a, Block b) =>
        pre[a.Index] >= 0 && pre[b.Index] >= 0 && pre[a.Index] <= pre[b.Index] && post[b.Index] <= post[a.Index];

    public static DominatorTree Compute(Function f, ControlFlowGraph cfg) => Compute(f, cfg, ReversePostorder.Compute(f, cfg));

    public static DominatorTree Compute(Function f, ControlFlowGraph cfg, ReversePostorder rpo)
    {
        int n = f.Dfg.BlockCount;
        var idom = new int[n];
        Array.Fill(idom, -1);
        var order = rpo.Order;
        if (order.Length > 0)
        {
            idom[order[0].Index] = order[0].Index;
        }
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = 1; i < order.Length; i++)
            {
                var b = order[i];
                int newIdom = -1;
                foreach (var p in cfg.Preds(b))
                {
                    int pi = p.Block.Index;
                    if (idom[pi] < 0)
                    {
                        continue; // not processed yet, or unreachable
                    }
                    newIdom = newIdom < 0 ? pi : Intersect(pi, newIdom, idom, rpo);
                }
                if (newIdom >= 0 && idom[b.Index] != newIdom)
                {
                    idom[b.Index] = newIdom;
                    changed = true;
                }
            }
        }

        // Children lists in CSR form, ordered by RPO so the preorder is deterministic.
        var childCount = new int[n + 1];
        foreach (var b in order)
        {
            if (idom[b.Index] != b.Index)
            {
                childCount[idom[b.Index]]++;
            }
        }
        var childStart = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            childStart[i + 1] = childStart[i] + childCount[i];
        }
        var children = new Block[childStart[n]];
        var fill = (int[])childStart.Clone();
        foreach (var b in order)
        {
            if (idom[b.Index] != b.Index)
            {
                children[fill[idom[b.Index]]++] = b;
            }
        }

        var pre = new int[n];
        var post = new int[n];
        Array.Fill(pre, -1);
        Array.Fill(post, -1);
        var preorder = new List<Block>(order.Length);
        if (order.Length > 0)
        {
            int preCounter = 0, postCounter = 0;
            var stack = new Stack<(Block Block, int Next)>();
            stack.Push((order[0], 0));
            pre[order[0].Index] = preCounter++;
            preorder.Add(order[0]);
            while (stack.Count > 0)
            {
                var (b, next) = stack.Pop();
                int count = childStart[b.Index + 1] - childStart[b.Index];
                if (next < count)
                {
                    stack.Push((b, next + 1));
                    var c = children[childStart[b.Index] + next];
                    pre[c.Index] = preCounter++;
                    preorder.Add(c);
                    stack.Push((c, 0));
                }
                else
                {
                    post[b.Index] = postCounter++;
                }
            }
        }
        return new DominatorTree(rpo, idom, childStart, children, pre, post, [.. preorder]);
    }

    private static int Intersect(int a, int b, int[] idom, ReversePostorder rpo)
    {
        while (a != b)
        {
            while (rpo.Number(new Block(a)) > rpo.Number(new Block(b)))
            {
                a = idom[a];
            }
            while (rpo.Number(new Block(b)) > rpo.Number(new Block(a)))
            {
                b = idom[b];
            }
        }
        return a;
    }
}
