namespace Kiln.IR.Analysis;

/// <summary>
/// Predecessors and successors of every block, in compressed-row arrays indexed by block id.
/// Successors are deduplicated per block; a predecessor appears once per branching block even when
/// several of its targets (brif/br_table) name the same block. Recompute after changing branches.
/// </summary>
public sealed class ControlFlowGraph
{
    private readonly int[] succStart;
    private readonly Block[] succs;
    private readonly int[] predStart;
    private readonly BlockPredecessor[] preds;

    private ControlFlowGraph(int[] succStart, Block[] succs, int[] predStart, BlockPredecessor[] preds)
    {
        this.succStart = succStart;
        this.succs = succs;
        this.predStart = predStart;
        this.preds = preds;
    }

    public ReadOnlySpan<Block> Succs(Block b) => succs.AsSpan(succStart[b.Index], succStart[b.Index + 1] - succStart[b.Index]);

    public ReadOnlySpan<BlockPredecessor> Preds(Block b) =>
        preds.AsSpan(predStart[b.Index], predStart[b.Index + 1] - predStart[b.Index]);

    public static ControlFlowGraph Compute(Function f)
    {
        var dfg = f.Dfg;
        int n = dfg.BlockCount;
        var succStart = new int[n + 1];
        var succList = new List<Block>();
        var predCount = new int[n + 1];
        var edges = new List<(Block From, Block To, Inst Branch)>();
        var seenBy = new int[n];
        for (int b = 0; b < n; b++)
        {
            succStart[b] = succList.Count;
            var block = new Block(b);
            if (!f.Layout.Contains(block))
            {
                continue;
            }
            var term = f.Layout.LastInst(block);
            if (!term.IsValid)
            {
                continue;
            }
            // seenBy[t] = b + 1 once block b has t as a successor: constant-time deduplication, so a br_table
            // over many distinct labels costs its length, not length × targets.
            foreach (var call in dfg.BlockCalls(term))
            {
                if (seenBy[call.Block.Index] != b + 1)
                {
                    seenBy[call.Block.Index] = b + 1;
                    succList.Add(call.Block);
                    predCount[call.Block.Index]++;
                    edges.Add((block, call.Block, term));
                }
            }
        }
        succStart[n] = succList.Count;

        var predStart = new int[n + 1];
        for (int b = 0; b < n; b++)
        {
            predStart[b + 1] = predStart[b] + predCount[b];
        }
        var preds = new BlockPredecessor[edges.Count];
        var fill = (int[])predStart.Clone();
        foreach (var (from, to, branch) in edges)
        {
            preds[fill[to.Index]++] = new BlockPredecessor(from, branch);
        }
        return new ControlFlowGraph(succStart, [.. succList], predStart, preds);
    }
}
