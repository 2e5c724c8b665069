namespace Kiln.IR.Analysis;

/// <summary>Reverse postorder of the blocks reachable from the entry, and each block's position in it
/// (-1 for unreachable blocks). Iterative DFS: no recursion depth limit on large functions.</summary>
public sealed class ReversePostorder
{
    private ReversePostorder(Block[] order, int[] number)
    {
        Order = order;
        this.number = number;
    }

    private readonly int[] number;

    public Block[] Order { get; }

    public int Number(Block b) => number[b.Index];

    public bool IsReachable(Block b) => number[b.Index] >= 0;

    public static ReversePostorder Compute(Function f, ControlFlowGraph cfg)
    {
        int n = f.Dfg.BlockCount;
        var number = new int[n];
        Array.Fill(number, -1);
        var post = new List<Block>();
        if (!f.Entry.IsValid)
        {
            return new ReversePostorder([], number);
        }
        var visited = new bool[n];
        var stack = new Stack<(Block Block, int Next)>();
        stack.Push((f.Entry, 0));
        visited[f.Entry.Index] = true;
        while (stack.Count > 0)
        {
            var (b, next) = stack.Pop();
            var succs = cfg.Succs(b);
            if (next < succs.Length)
            {
                stack.Push((b, next + 1));
                var s = succs[next];
                if (!visited[s.Index])
                {
                    visited[s.Index] = true;
                    stack.Push((s, 0));
                }
            }
            else
            {
                post.Add(b);
            }
        }
        post.Reverse();
        var order = post.ToArray();
        for (int i = 0; i < order.Length; i++)
        {
            number[order[i].Index] = i;
        }
        return new ReversePostorder(order, number);
    }
}
