namespace Kiln.Codegen;

/// <summary>
/// Per physical register, the sorted ranges where it is taken by a fixed-register operand or a clobber.
/// A range tagged with a vreg belongs to that vreg's fixed operand, so pieces of the same vreg may
/// overlap it (a value already sitting in its fixed register stays there); untagged ranges (-1) are clobbers.
/// </summary>
internal sealed class FixedReservations
{
    private readonly int[][] _from = new int[PReg.IndexLimit][];
    private readonly int[][] _to = new int[PReg.IndexLimit][];
    private readonly int[][] _tag = new int[PReg.IndexLimit][];
    private readonly int[] _count = new int[PReg.IndexLimit];
    private readonly int[] _cursor = new int[PReg.IndexLimit];

    public void Add(int reg, int from, int to, int tag)
    {
        if (_from[reg] is null) { _from[reg] = new int[8]; _to[reg] = new int[8]; _tag[reg] = new int[8]; }
        int n = _count[reg];
        if (n == _from[reg].Length)
        {
            Array.Resize(ref _from[reg], n * 2);
            Array.Resize(ref _to[reg], n * 2);
            Array.Resize(ref _tag[reg], n * 2);
        }
        _from[reg][n] = from;
        _to[reg][n] = to;
        _tag[reg][n] = tag;
        _count[reg] = n + 1;
    }

    /// <summary>Sorts each register's ranges by start (they were added in backward instruction order).</summary>
    public void Seal()
    {
        for (int r = 0; r < PReg.IndexLimit; r++)
        {
            int n = _count[r];
            if (n < 2) continue;
            Array.Reverse(_from[r], 0, n);
            Array.Reverse(_to[r], 0, n);
            Array.Reverse(_tag[r], 0, n);
            // Within one instruction the order may still be off; an insertion sort is linear when nearly sorted.
            var f = _from[r]; var t = _to[r]; var g = _tag[r];
            for (int i = 1; i < n; i++)
            {
                int kf = f[i], kt = t[i], kg = g[i], j = i - 1;
                while (j >= 0 && f[j] > kf) { f[j + 1] = f[j]; t[j + 1] = t[j]; g[j + 1] = g[j]; j--; }
                f[j + 1] = kf; t[j + 1] = kt; g[j + 1] = kg;
            }
        }
    }

    public void ResetCursors() => Array.Clear(_cursor);

    /// <summary>
    /// First position where <paramref name="reg"/>'s reservations (other than those tagged with the
    /// interval's own vreg) intersect <paramref name="cur"/>, or int.MaxValue. Positions before
    /// <paramref name="pos"/> are skipped for good (pos never decreases).
    /// </summary>
    public int FirstIntersection(int reg, LiveInterval cur, int pos)
    {
        int n = _count[reg];
        if (n == 0) return int.MaxValue;
        var f = _from[reg]; var t = _to[reg]; var g = _tag[reg];
        int c = _cursor[reg];
        while (c < n && t[c] <= pos) c++;
        _cursor[reg] = c;
        int j = 0, end = cur.End;
        for (int k = c; k < n; k++)
        {
            if (f[k] >= end) break;
            if (g[k] == cur.VReg) continue;
            while (j < cur.RangeCount && cur.To[j] <= f[k]) j++;
            if (j == cur.RangeCount) break;
            if (cur.From[j] < t[k]) return Math.Max(f[k], cur.From[j]);
        }
        return int.MaxValue;
    }
}
