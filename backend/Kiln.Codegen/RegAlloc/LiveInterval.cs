namespace Kiln.Codegen;

/// <summary>
/// One piece of a vreg's lifetime: sorted disjoint ranges [From, To) and sorted use positions
/// (pos &lt;&lt; 1 | 1 if that use needs a register). Pieces of one vreg form a chain in position order
/// (<see cref="Next"/>); each piece ends up in one register or in the vreg's spill slot.
/// </summary>
internal sealed class LiveInterval
{
    public readonly int VReg;
    public int[] From;
    public int[] To;
    public int RangeCount;
    public int[] Uses;
    public int UseCount;
    /// <summary>Assigned register (PReg index) or -1.</summary>
    public int Reg = -1;
    public bool Spilled;
    public int HintReg = -1;
    public LiveInterval? Next;
    /// <summary>First range with To greater than the last position queried by <see cref="Covers"/> (monotonic).</summary>
    public int Cursor;
    /// <summary>Per use index k, the spill weight of uses k.. (filled by the allocator on first need; dropped when
    /// the uses change), so a weight query costs a binary search, not a walk over every later use.</summary>
    public float[]? UseWeightFrom;
    /// <summary>Per use index k, the index of the first register use at k or later (UseCount if none); built on first
    /// need, dropped when the uses change. A value read many times without needing a register (a reused input) made
    /// the linear search quadratic.</summary>
    private int[]? _nextRegUseIndex;

    public LiveInterval(int vreg, int rangeCapacity, int useCapacity)
    {
        VReg = vreg;
        From = new int[Math.Max(rangeCapacity, 1)];
        To = new int[Math.Max(rangeCapacity, 1)];
        Uses = new int[Math.Max(useCapacity, 1)];
    }

    public int Start => From[0];
    public int End => To[RangeCount - 1];

    public bool Covers(int pos)
    {
        while (Cursor < RangeCount && To[Cursor] <= pos) Cursor++;
        return Cursor < RangeCount && From[Cursor] <= pos;
    }

    /// <summary>Whether some range contains pos (no cursor side effects).</summary>
    public bool CoversAt(int pos)
    {
        for (int k = 0; k < RangeCount; k++)
        {
            if (To[k] <= pos) continue;
            return From[k] <= pos;
        }
        return false;
    }

    /// <summary>First position ≥ the current cursor where this and <paramref name="other"/> overlap, or -1.</summary>
    public int NextIntersection(LiveInterval other)
    {
        int i = Math.Min(Cursor, RangeCount - 1), j = 0;
        while (i < RangeCount && j < other.RangeCount)
        {
            if (To[i] <= other.From[j]) i++;
            else if (other.To[j] <= From[i]) j++;
            else return Math.Max(From[i], other.From[j]);
        }
        return -1;
    }

    public void AddUse(int pos, bool needsReg)
    {
        if (UseCount == Uses.Length) Array.Resize(ref Uses, UseCount * 2);
        Uses[UseCount++] = (pos << 1) | (needsReg ? 1 : 0);
        UseWeightFrom = null;
        _nextRegUseIndex = null;
    }

    /// <summary>First use position ≥ from that needs a register, or int.MaxValue.</summary>
    public int NextRegUse(int from)
    {
        int k = FirstUseIndex(from);
        if (k == UseCount) return int.MaxValue;
        if ((Uses[k] & 1) != 0) return Uses[k] >> 1;
        var next = _nextRegUseIndex;
        if (next is null)
        {
            next = new int[UseCount + 1];
            next[UseCount] = UseCount;
            for (int i = UseCount - 1; i >= 0; i--) next[i] = (Uses[i] & 1) != 0 ? i : next[i + 1];
            _nextRegUseIndex = next;
        }
        k = next[k];
        return k < UseCount ? Uses[k] >> 1 : int.MaxValue;
    }

    /// <summary>Last use position &lt; before, or -1.</summary>
    public int LastUseBefore(int before)
    {
        int k = FirstUseIndex(before) - 1;
        return k >= 0 ? Uses[k] >> 1 : -1;
    }

    public int FirstUseIndex(int from)
    {
        int lo = 0, hi = UseCount;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if ((Uses[mid] >> 1) < from) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Splits at <paramref name="pos"/> (Start &lt; pos &lt; End): this keeps everything before, the
    /// returned piece everything from pos on, and is linked right after this one.
    /// </summary>
    public LiveInterval SplitAt(int pos)
    {
        int r = 0;
        while (To[r] <= pos) r++;
        bool cut = From[r] < pos;
        int childRanges = RangeCount - r;
        int u = FirstUseIndex(pos);
        var child = new LiveInterval(VReg, childRanges, UseCount - u);
        Array.Copy(From, r, child.From, 0, childRanges);
        Array.Copy(To, r, child.To, 0, childRanges);
        child.RangeCount = childRanges;
        if (cut) { child.From[0] = pos; To[r] = pos; RangeCount = r + 1; }
        else RangeCount = r;
        Array.Copy(Uses, u, child.Uses, 0, UseCount - u);
        child.UseCount = UseCount - u;
        UseCount = u;
        UseWeightFrom = null;
        _nextRegUseIndex = null;
        if (Cursor >= RangeCount) Cursor = RangeCount - 1;
        child.Next = Next;
        Next = child;
        child.HintReg = Reg >= 0 ? Reg : HintReg;
        return child;
    }

    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append('v').Append(VReg).Append(' ');
        for (int k = 0; k < RangeCount; k++) sb.Append('[').Append(From[k]).Append(',').Append(To[k]).Append(')');
        sb.Append(Reg >= 0 ? " " + PReg.FromIndex(Reg) : Spilled ? " stack" : " -");
        return sb.ToString();
    }
}
