namespace Kiln.Codegen;

/// <summary>CFG facts the allocator wants that the target did not supply.</summary>
public static class CfgAnalysis
{
    /// <summary>
    /// Loop nesting depth per block: every retreating edge t -> h found by DFS (h on the DFS stack) adds
    /// one to the depth of the blocks that reach t without passing h. Exact for reducible CFGs and a
    /// reasonable estimate for irreducible ones, which is all spill weights need.
    /// </summary>
    public static int[] ComputeLoopDepths(VCode code)
    {
        int nb = code.BlockCount;
        var depth = new int[nb];
        var state = new byte[nb]; // 0 unvisited, 1 on stack, 2 done
        var stack = new (int Block, int Next)[nb];
        var inBody = new int[nb];
        Array.Fill(inBody, -1);
        var work = new int[nb];
        int loopId = 0;
        int sp = 0;
        stack[sp++] = (0, 0);
        state[0] = 1;
        while (sp > 0)
        {
            ref var top = ref stack[sp - 1];
            var succs = code.Successors(top.Block);
            if (top.Next < succs.Length)
            {
                int s = succs[top.Next++];
                if (state[s] == 0) { state[s] = 1; stack[sp++] = (s, 0); }
                else if (state[s] == 1) MarkLoop(code, top.Block, s, depth, inBody, work, loopId++);
            }
            else
            {
                state[top.Block] = 2;
                sp--;
            }
        }
        return depth;
    }

    private static void MarkLoop(VCode code, int tail, int header, int[] depth, int[] inBody, int[] work, int id)
    {
        int n = 0;
        inBody[header] = id;
        depth[header]++;
        if (inBody[tail] != id) { inBody[tail] = id; depth[tail]++; work[n++] = tail; }
        while (n > 0)
        {
            int b = work[--n];
            foreach (int p in code.Predecessors(b))
            {
                if (inBody[p] == id) continue;
                inBody[p] = id;
                depth[p]++;
                work[n++] = p;
            }
        }
    }
}
