namespace Kiln.Codegen;

/// <summary>
/// Block live-in/live-out vreg sets by backward dataflow iterated to a fixpoint, so it is correct for
/// irreducible CFGs too. Block params are defined at the top of their block (never live-in); branch
/// args are used at the very end of their block. Sets are dense bit rows, one per block.
/// </summary>
public sealed class Liveness
{
    private readonly ulong[] _liveIn;
    private readonly ulong[] _liveOut;

    public int Words { get; }

    private Liveness(int words, int blocks)
    {
        Words = words;
        _liveIn = new ulong[words * blocks];
        _liveOut = new ulong[words * blocks];
    }

    public ReadOnlySpan<ulong> LiveIn(int block) => _liveIn.AsSpan(block * Words, Words);
    public ReadOnlySpan<ulong> LiveOut(int block) => _liveOut.AsSpan(block * Words, Words);
    public bool IsLiveIn(int block, int vreg) => (_liveIn[block * Words + (vreg >> 6)] >> vreg & 1) != 0;
    public bool IsLiveOut(int block, int vreg) => (_liveOut[block * Words + (vreg >> 6)] >> vreg & 1) != 0;

    public static Liveness Compute(VCode code)
    {
        int nb = code.BlockCount;
        int words = (code.VRegCount + 63) >> 6;
        var lv = new Liveness(words, nb);
        var gen = new ulong[words * nb];
        var kill = new ulong[words * nb];
        for (int b = 0; b < nb; b++)
        {
            var g = gen.AsSpan(b * words, words);
            var k = kill.AsSpan(b * words, words);
            var succs = code.Successors(b);
            for (int s = 0; s < succs.Length; s++)
                foreach (var a in code.BranchArgs(b, s)) Set(g, a.Index);
            int first = code.BlockFirstInst(b);
            for (int i = code.BlockEndInst(b) - 1; i >= first; i--)
            {
                var ops = code.Operands(i);
                foreach (var op in ops)
                    if (op.Kind == OperandKind.Def) { Clear(g, op.VReg.Index); Set(k, op.VReg.Index); }
                foreach (var op in ops)
                    if (op.IsUse) Set(g, op.VReg.Index);
            }
            foreach (var p in code.BlockParams(b)) { Clear(g, p.Index); Set(k, p.Index); }
        }

        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int b = nb - 1; b >= 0; b--)
            {
                var outRow = lv._liveOut.AsSpan(b * words, words);
                foreach (int s in code.Successors(b))
                {
                    var sIn = lv._liveIn.AsSpan(s * words, words);
                    for (int w = 0; w < words; w++) outRow[w] |= sIn[w];
                }
                var inRow = lv._liveIn.AsSpan(b * words, words);
                var g = gen.AsSpan(b * words, words);
                var k = kill.AsSpan(b * words, words);
                for (int w = 0; w < words; w++)
                {
                    ulong v = g[w] | (outRow[w] & ~k[w]);
                    if (v != inRow[w]) { inRow[w] = v; changed = true; }
                }
            }
        }
        return lv;
    }

    private static void Set(Span<ulong> row, int bit) => row[bit >> 6] |= 1UL << bit;
    private static void Clear(Span<ulong> row, int bit) => row[bit >> 6] &= ~(1UL << bit);
}
