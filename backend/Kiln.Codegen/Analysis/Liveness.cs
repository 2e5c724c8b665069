namespace Kiln.Codegen;

/// <summary>
/// Block live-in/live-out vreg sets. Block params are defined at the top of their block (never live-in); branch args
/// are used at the very end of their block. Live-out is the union of the successors' live-ins (branch args are not in
/// it: they are the block's own uses).
/// <para>Computed per vreg by walking backward from its upward-exposed uses until its definitions (the path
/// exploration of Brandner et al., "Computing Liveness Sets for SSA-Form Programs"), which is right for any CFG,
/// irreducible ones included, and costs the operands plus the size of the sets it produces. The sets are stored
/// sparse, each block's a sorted run of vreg numbers in one array. The dense bit row per block this replaced was
/// O(blocks × vregs) in time and memory: 30,000 <c>if</c>s over 16 locals needed gigabytes (issue 17).</para>
/// </summary>
public sealed class Liveness
{
    private readonly int[] _inStart;
    private readonly int[] _in;
    private readonly int[] _outStart;
    private readonly int[] _out;

    private Liveness(int[] inStart, int[] liveIn, int[] outStart, int[] liveOut)
    {
        _inStart = inStart;
        _in = liveIn;
        _outStart = outStart;
        _out = liveOut;
    }

    /// <summary>The vregs live into <paramref name="block"/>, ascending.</summary>
    public ReadOnlySpan<int> LiveIn(int block) => _in.AsSpan(_inStart[block], _inStart[block + 1] - _inStart[block]);

    /// <summary>The vregs live out of <paramref name="block"/>, ascending.</summary>
    public ReadOnlySpan<int> LiveOut(int block) => _out.AsSpan(_outStart[block], _outStart[block + 1] - _outStart[block]);

    public bool IsLiveIn(int block, int vreg) => LiveIn(block).BinarySearch(vreg) >= 0;
    public bool IsLiveOut(int block, int vreg) => LiveOut(block).BinarySearch(vreg) >= 0;

    public static Liveness Compute(VCode code)
    {
        int nb = code.BlockCount, nv = code.VRegCount;

        // Per block, forward: the upward-exposed uses (used before any def in the block) and the defs, as
        // (vreg, block) pairs, each pair once. An instruction reads its uses before it writes its defs.
        var useBlocks = new PairList();
        var defBlocks = new PairList();
        var definedIn = new int[nv];   // block + 1 whose scan has seen a def of the vreg
        var usedIn = new int[nv];      // block + 1 whose scan has recorded the vreg as an exposed use
        for (int b = 0; b < nb; b++)
        {
            int mark = b + 1;
            foreach (var p in code.BlockParams(b)) Def(p.Index);
            for (int i = code.BlockFirstInst(b), end = code.BlockEndInst(b); i < end; i++)
            {
                var ops = code.Operands(i);
                foreach (var op in ops)
                    if (op.IsUse) Use(op.VReg.Index);
                foreach (var op in ops)
                    if (op.Kind == OperandKind.Def) Def(op.VReg.Index);
            }
            var succs = code.Successors(b);
            for (int s = 0; s < succs.Length; s++)
                foreach (var a in code.BranchArgs(b, s)) Use(a.Index);

            void Use(int v)
            {
                if (definedIn[v] == mark || usedIn[v] == mark) return;
                usedIn[v] = mark;
                useBlocks.Add(v, b);
            }

            void Def(int v)
            {
                if (definedIn[v] == mark) return;
                definedIn[v] = mark;
                defBlocks.Add(v, b);
            }
        }
        var (useStart, useBlock) = useBlocks.GroupByFirst(nv);
        var (defStart, defBlock) = defBlocks.GroupByFirst(nv);

        // Per vreg: mark it live-in at each exposed-use block, then walk to predecessors: live-out there, and
        // live-in too unless the predecessor defines it. Stamps (vreg + 1) make each block visited once per vreg.
        var liveIn = new PairList();
        var liveOut = new PairList();
        var defStamp = new int[nb];
        var inStamp = new int[nb];
        var outStamp = new int[nb];
        var work = new Stack<int>();
        for (int v = 0; v < nv; v++)
        {
            int mark = v + 1;
            for (int k = defStart[v]; k < defStart[v + 1]; k++) defStamp[defBlock[k]] = mark;
            for (int k = useStart[v]; k < useStart[v + 1]; k++)
            {
                int b = useBlock[k];
                if (inStamp[b] == mark) continue;
                inStamp[b] = mark;
                liveIn.Add(b, v);
                work.Push(b);
            }
            while (work.Count > 0)
            {
                foreach (int p in code.Predecessors(work.Pop()))
                {
                    if (outStamp[p] == mark) continue;
                    outStamp[p] = mark;
                    liveOut.Add(p, v);
                    if (defStamp[p] == mark || inStamp[p] == mark) continue;
                    inStamp[p] = mark;
                    liveIn.Add(p, v);
                    work.Push(p);
                }
            }
        }
        // Pairs were added in ascending vreg order, and grouping is stable: each block's run is ascending.
        var (inStart, inVRegs) = liveIn.GroupByFirst(nb);
        var (outStart, outVRegs) = liveOut.GroupByFirst(nb);
        return new Liveness(inStart, inVRegs, outStart, outVRegs);
    }

    /// <summary>A growable list of (key, value) pairs, grouped by key at the end with a stable counting sort.</summary>
    private sealed class PairList
    {
        private int[] _keys = new int[64];
        private int[] _values = new int[64];
        private int _count;

        public void Add(int key, int value)
        {
            if (_count == _keys.Length)
            {
                Array.Resize(ref _keys, _count * 2);
                Array.Resize(ref _values, _count * 2);
            }
            _keys[_count] = key;
            _values[_count] = value;
            _count++;
        }

        /// <summary>Row starts (length <paramref name="keys"/> + 1) and the values of each key's row, in insertion order.</summary>
        public (int[] Start, int[] Values) GroupByFirst(int keys)
        {
            var start = new int[keys + 1];
            for (int i = 0; i < _count; i++) start[_keys[i] + 1]++;
            for (int k = 0; k < keys; k++) start[k + 1] += start[k];
            var fill = new int[keys];
            Array.Copy(start, fill, keys);
            var values = new int[_count];
            for (int i = 0; i < _count; i++) values[fill[_keys[i]]++] = _values[i];
            return (start, values);
        }
    }
}
