namespace Kiln.IR.Analysis;

/// <summary>
/// Natural loops: a back edge is an edge to a block that dominates its source; the loop is the header
/// plus every block that reaches the source without passing the header. Loops with the same header are
/// merged. Each block knows its innermost loop and depth (0 outside loops), which the register allocator
/// uses to weigh spill costs. Irreducible cycles have no dominating header and are not reported as loops.
/// </summary>
public sealed class LoopAnalysis
{
    private readonly int[] innermost;
    private readonly List<LoopInfo> loops;

    private LoopAnalysis(int[] innermost, List<LoopInfo> loops)
    {
        this.innermost = innermost;
        this.loops = loops;
    }

    /// <summary>Loops ordered by header reverse postorder: an enclosing loop comes before its inner loops.</summary>
    public IReadOnlyList<LoopInfo> Loops => loops;

    /// <summary>Index into <see cref="Loops"/> of the innermost loop containing the block, or -1.</summary>
    public int InnermostLoop(Block b) => innermost[b.Index];

    public int Depth(Block b) => innermost[b.Index] < 0 ? 0 : loops[innermost[b.Index]].Depth;

    public bool IsLoopHeader(Block b) => innermost[b.Index] >= 0 && loops[innermost[b.Index]].Header == b;

    public static LoopAnalysis Compute(Function f, ControlFlowGraph cfg, DominatorTree dom)
    {
        int n = f.Dfg.BlockCount;
        var innermost = new int[n];
        Array.Fill(innermost, -1);
        var loops = new List<LoopInfo>();
        var inLoop = new bool[n];
        var work = new Stack<Block>();
        foreach (var header in dom.Rpo.Order)
        {
            // Latches: predecessors the header dominates.
            bool any = false;
            foreach (var p in cfg.Preds(header))
            {
                if (dom.Dominates(header, p.Block))
                {
                    any = true;
                    work.Push(p.Block);
                }
            }
            if (!any)
            {
                continue;
            }
            int parent = innermost[header.Index];
            int depth = parent < 0 ? 1 : loops[parent].Depth + 1;
            int id = loops.Count;
            var body = new List<Block> { header };
            inLoop[header.Index] = true;
            while (work.Count > 0)
            {
                var b = work.Pop();
                if (inLoop[b.Index] || !dom.IsReachable(b))
                {
                    continue;
                }
                inLoop[b.Index] = true;
                body.Add(b);
                foreach (var p in cfg.Preds(b))
                {
                    work.Push(p.Block);
                }
            }
            // Headers are visited in RPO, so later (inner) loops overwrite earlier (outer) assignments.
            foreach (var b in body)
            {
                innermost[b.Index] = id;
                inLoop[b.Index] = false;
            }
            loops.Add(new LoopInfo(header, parent, depth, [.. body]));
        }
        return new LoopAnalysis(innermost, loops);
    }
}
