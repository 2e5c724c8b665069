namespace Kiln.Codegen;

/// <summary>
/// Linear scan with interval splitting (Wimmer &amp; Mössenböck 2005), one register class at a time.
/// Intervals are taken in start order. A register free for the whole interval (by free-until position,
/// preferring the hint) is taken; one free for a prefix is taken and the rest split off. Otherwise the
/// register whose occupants are cheapest to evict (spill weight: uses weighted by loop depth, over the
/// remaining length) is taken and the occupants are split and spilled up to their next register use — or
/// the current interval is spilled instead when it is cheaper or used later. Split points prefer block
/// boundaries of lower loop depth. Never spills a whole vreg just because it is long.
/// </summary>
internal sealed class LinearScan
{
    private static readonly float[] DepthWeight = [1f, 8f, 64f, 512f, 4096f, 32768f];

    private readonly VCode _code;
    private readonly MachineEnv _env;
    private readonly FixedReservations _fixed;
    private readonly LiveInterval?[] _first;
    private readonly int[] _hintVReg;
    private readonly int[] _hintPos;
    private readonly int[] _slotOf;
    private readonly int[] _slotCount;
    private readonly int[] _blockStartPos;
    private readonly PriorityQueue<LiveInterval, long> _unhandled = new();
    private readonly List<LiveInterval> _active = [];
    private readonly List<LiveInterval> _inactive = [];
    private readonly int[] _freeUntil = new int[PReg.IndexLimit];
    private readonly int[] _nextUse = new int[PReg.IndexLimit];
    private readonly float[] _cost = new float[PReg.IndexLimit];
    private readonly bool[] _valid = new bool[PReg.IndexLimit];
    private long _seq;
    public int Splits;
    public int SpilledPieces;

    public LinearScan(VCode code, MachineEnv env, FixedReservations fixedRes, LiveInterval?[] first,
        int[] hintVReg, int[] hintPos, int[] slotOf, int[] slotCount)
    {
        _code = code;
        _env = env;
        _fixed = fixedRes;
        _first = first;
        _hintVReg = hintVReg;
        _hintPos = hintPos;
        _slotOf = slotOf;
        _slotCount = slotCount;
        _blockStartPos = new int[code.BlockCount];
        for (int b = 0; b < code.BlockCount; b++) _blockStartPos[b] = ProgramPoints.Of(code.BlockFirstInst(b), 0);
    }

    public void Run(RegClass cls)
    {
        _unhandled.Clear();
        _active.Clear();
        _inactive.Clear();
        _fixed.ResetCursors();
        for (int v = 0; v < _first.Length; v++)
            if (_first[v] is { } it && _code.VRegClass(v) == cls) Enqueue(it);

        var regs = _env.AllocatableRegs(cls);
        int untilCheckpoint = 4096;
        while (_unhandled.TryDequeue(out var cur, out _))
        {
            if (--untilCheckpoint == 0)
            {
                untilCheckpoint = 4096;
                Kiln.IR.CompileCheckpoint.Reach();
            }
            int pos = cur.Start;
            for (int k = _active.Count - 1; k >= 0; k--)
            {
                var a = _active[k];
                if (a.End <= pos) RemoveAt(_active, k);
                else if (!a.Covers(pos)) { RemoveAt(_active, k); _inactive.Add(a); }
            }
            for (int k = _inactive.Count - 1; k >= 0; k--)
            {
                var a = _inactive[k];
                if (a.End <= pos) RemoveAt(_inactive, k);
                else if (a.Covers(pos)) { RemoveAt(_inactive, k); _active.Add(a); }
            }

            if (!TryAllocateFree(cur, pos, regs, cls)) AllocateBlocked(cur, pos, regs);
            if (cur.Reg >= 0) _active.Add(cur);
        }
    }

    private void Enqueue(LiveInterval it) => _unhandled.Enqueue(it, ((long)it.Start << 32) | (uint)_seq++);

    private static void RemoveAt(List<LiveInterval> list, int k)
    {
        list[k] = list[^1];
        list.RemoveAt(list.Count - 1);
    }

    private int HintFor(LiveInterval cur)
    {
        if (cur.HintReg >= 0) return cur.HintReg;
        int hv = _hintVReg[cur.VReg];
        if (hv < 0) return -1;
        int hp = _hintPos[cur.VReg];
        for (var p = _first[hv]; p != null; p = p.Next)
            if (p.Start <= hp && hp < p.End) return p.Reg;
        return -1;
    }

    private bool TryAllocateFree(LiveInterval cur, int pos, ReadOnlySpan<PReg> regs, RegClass cls)
    {
        foreach (var r in regs) _freeUntil[r.Index] = _fixed.FirstIntersection(r.Index, cur, pos);
        foreach (var a in _active) _freeUntil[a.Reg] = 0;
        foreach (var a in _inactive)
        {
            if (_freeUntil[a.Reg] == 0) continue;
            int q = a.NextIntersection(cur);
            if (q >= 0 && q < _freeUntil[a.Reg]) _freeUntil[a.Reg] = q;
        }

        int best = -1, bestFree = 0;
        foreach (var r in regs)
            if (_freeUntil[r.Index] > bestFree) { best = r.Index; bestFree = _freeUntil[r.Index]; }
        int hint = HintFor(cur);
        if (hint >= 0 && _env.Allocatable.ContainsIndex(hint) && PReg.FromIndex(hint).Class == cls)
        {
            int hf = _freeUntil[hint];
            if (hf >= cur.End || hf >= bestFree) { best = hint; bestFree = hf; }
        }
        if (best < 0) return false;
        if (bestFree >= cur.End)
        {
            cur.Reg = best;
            return true;
        }
        int limit = ProgramPoints.Floor(bestFree);
        if (limit <= cur.Start) return false;
        cur.Reg = best;
        int sp = SplitPos(cur, Math.Max(cur.Start, cur.LastUseBefore(limit)), limit);
        Enqueue(Split(cur, sp));
        return true;
    }

    private void AllocateBlocked(LiveInterval cur, int pos, ReadOnlySpan<PReg> regs)
    {
        int firstRegUse = cur.NextRegUse(cur.Start);
        if (firstRegUse == int.MaxValue)
        {
            SpillWhole(cur);
            return;
        }
        bool mustHave = ProgramPoints.Floor(firstRegUse) <= cur.Start;
        int sp0 = ProgramPoints.Floor(pos);

        foreach (var r in regs)
        {
            int i = r.Index;
            _freeUntil[i] = _fixed.FirstIntersection(i, cur, pos); // reused as the block position
            _cost[i] = 0;
            _nextUse[i] = int.MaxValue;
        }
        foreach (var a in _active) Consider(a, sp0, pos);
        foreach (var a in _inactive)
        {
            int q = a.NextIntersection(cur);
            if (q >= 0) Consider(a, ProgramPoints.Floor(q), q);
        }
        foreach (var r in regs) _valid[r.Index] = ProgramPoints.Floor(_freeUntil[r.Index]) > cur.Start;

        int best = -1;
        foreach (var r in regs)
        {
            int i = r.Index;
            if (!_valid[i]) continue;
            if (best < 0 || _cost[i] < _cost[best] || (_cost[i] == _cost[best] && _nextUse[i] > _nextUse[best])) best = i;
        }

        if (best < 0 || (!mustHave && (firstRegUse > _nextUse[best] || Weight(cur, cur.Start) < _cost[best])))
        {
            if (mustHave)
                throw new RegAllocException($"no register for v{cur.VReg} at inst {ProgramPoints.InstOf(pos)}: too many operands need registers at once"
                    + $" (current {cur}; active: {string.Join("; ", _active)}; inactive: {string.Join("; ", _inactive)})");
            int limit = ProgramPoints.Floor(firstRegUse);
            int sp = SplitPos(cur, Math.Max(cur.Start, cur.LastUseBefore(limit)), limit);
            var rest = Split(cur, sp);
            MarkSpilled(cur);
            Enqueue(rest);
            return;
        }

        // Evict the occupants of best.
        for (int k = _active.Count - 1; k >= 0; k--)
        {
            var a = _active[k];
            if (a.Reg != best) continue;
            RemoveAt(_active, k);
            Evict(a, sp0, pos, _active);
        }
        for (int k = _inactive.Count - 1; k >= 0; k--)
        {
            var a = _inactive[k];
            if (a.Reg != best) continue;
            int q = a.NextIntersection(cur);
            if (q < 0 || q >= _freeUntil[best]) continue; // cur is split before it instead
            RemoveAt(_inactive, k);
            Evict(a, ProgramPoints.Floor(q), pos, _inactive);
        }
        cur.Reg = best;
        int blockPos = _freeUntil[best];
        if (blockPos < cur.End)
        {
            int limit = ProgramPoints.Floor(blockPos);
            int sp = SplitPos(cur, Math.Max(cur.Start, cur.LastUseBefore(limit)), limit);
            Enqueue(Split(cur, sp));
        }
    }

    /// <summary>
    /// Occupant a of a register conflicts with cur from q on. If a needs the register in the instruction at
    /// <paramref name="at"/> it cannot be evicted there: cur could only have the register before q.
    /// </summary>
    private void Consider(LiveInterval a, int at, int q)
    {
        int r = a.Reg;
        int next = a.NextRegUse(at);
        if (next < at + 4)
        {
            if (q < _freeUntil[r]) _freeUntil[r] = q;
            return;
        }
        _cost[r] += Weight(a, at);
        if (next < _nextUse[r]) _nextUse[r] = next;
    }

    /// <summary>Takes a's register away from position at on: a keeps it before, the rest is spilled up to its next register use.</summary>
    private void Evict(LiveInterval a, int at, int pos, List<LiveInterval> list)
    {
        LiveInterval tail;
        if (at <= a.Start)
        {
            tail = a;
            a.Reg = -1;
        }
        else
        {
            tail = Split(a, at);
            if (a.End > pos) list.Add(a);
        }
        int u = tail.NextRegUse(tail.Start);
        if (u == int.MaxValue) { MarkSpilled(tail); return; }
        int limit = ProgramPoints.Floor(u);
        if (limit <= tail.Start) { Enqueue(tail); return; }
        int sp = SplitPos(tail, Math.Max(tail.Start, tail.LastUseBefore(limit)), limit);
        var rest = Split(tail, sp);
        MarkSpilled(tail);
        Enqueue(rest);
    }

    private void SpillWhole(LiveInterval cur) => MarkSpilled(cur);

    private void MarkSpilled(LiveInterval it)
    {
        it.Reg = -1;
        it.Spilled = true;
        SpilledPieces++;
        if (_slotOf[it.VReg] < 0) _slotOf[it.VReg] = _slotCount[(int)_code.VRegClass(it.VReg)]++;
    }

    private LiveInterval Split(LiveInterval it, int pos)
    {
        Splits++;
        return it.SplitAt(pos);
    }

    /// <summary>
    /// A split position in (lo, hi], a multiple of 4: the latest block start there of the least loop depth
    /// if that is shallower than hi's block (moves then land outside loops), else hi.
    /// </summary>
    private int SplitPos(LiveInterval it, int lo, int hi)
    {
        _ = it;
        int hiBlock = _code.InstBlock(Math.Min(ProgramPoints.InstOf(hi), _code.InstCount - 1));
        int bestDepth = _code.LoopDepth(hiBlock);
        int best = hi;
        // Nothing is shallower than depth 0: stop there instead of walking every block back to lo (the walk was
        // blocks × splits on long straight code).
        for (int b = hiBlock; b >= 0 && _blockStartPos[b] > lo && bestDepth > 0; b--)
        {
            int d = _code.LoopDepth(b);
            if (d < bestDepth) { bestDepth = d; best = _blockStartPos[b]; }
        }
        return best;
    }

    /// <remarks>The use sum comes from the interval's suffix sums: walking every later use on each query made an
    /// interval with many uses (one local read 40,000 times) cost uses × allocations (issue 17).</remarks>
    private float Weight(LiveInterval it, int from)
    {
        var suffix = it.UseWeightFrom;
        if (suffix is null)
        {
            suffix = new float[it.UseCount + 1];
            double acc = 0; // the weights are powers of 8: the sums are exact (below 2^24, as the forward float sum was)
            for (int k = it.UseCount - 1; k >= 0; k--)
            {
                int inst = ProgramPoints.InstOf(it.Uses[k] >> 1);
                int d = _code.LoopDepth(_code.InstBlock(inst));
                acc += DepthWeight[Math.Min(d, DepthWeight.Length - 1)];
                suffix[k] = (float)acc;
            }
            it.UseWeightFrom = suffix;
        }
        float sum = suffix[it.FirstUseIndex(from)];
        int len = Math.Max(it.End - from, 1);
        return sum / (1 + len / 4f);
    }
}
