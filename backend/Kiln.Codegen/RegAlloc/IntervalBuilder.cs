namespace Kiln.Codegen;

/// <summary>
/// Builds each vreg's initial live interval (Wimmer &amp; Franz's BuildIntervals: blocks in reverse layout
/// order, instructions backward, live-out ranges shortened at defs), the fixed-register reservations
/// and the allocation hints. Ranges and uses are appended in descending order and reversed once at the end.
/// </summary>
internal static class IntervalBuilder
{
    public static LiveInterval?[] Build(VCode code, MachineEnv env, Liveness live, FixedReservations fixedRes,
        int[] hintReg, int[] hintVReg, int[] hintPos)
    {
        int nv = code.VRegCount;
        var iv = new LiveInterval?[nv];
        // liveNow is a dense bit row reused across blocks; only the bits a block set are cleared after it (the
        // touched list), so the cost per block is its size plus its live-out set, never the vreg count.
        var liveNow = new ulong[(nv + 63) >> 6];
        var touched = new List<int>();
        var reusedInput = new bool[256];

        for (int b = code.BlockCount - 1; b >= 0; b--)
        {
            int first = code.BlockFirstInst(b), end = code.BlockEndInst(b);
            int blockFrom = ProgramPoints.Of(first, 0), blockTo = ProgramPoints.Of(end, 0);
            foreach (int v in touched) liveNow[v >> 6] = 0;
            touched.Clear();
            // Live-out vregs (ascending) and then branch args: one range over the whole block each, as the
            // ascending bit walk of the dense row gave.
            foreach (int v in live.LiveOut(b)) MarkLive(v);
            var succs = code.Successors(b);
            for (int s = 0; s < succs.Length; s++)
                foreach (var a in code.BranchArgs(b, s)) MarkLive(a.Index);
            touched.Sort();
            foreach (int v in touched) AddRange(iv, v, blockFrom, blockTo);

            for (int i = end - 1; i >= first; i--)
            {
                var ops = code.Operands(i);
                for (int k = 0; k < ops.Length; k++) reusedInput[k] = false;
                for (int k = 0; k < ops.Length; k++)
                    if (ops[k].Constraint == OperandConstraint.Reuse) reusedInput[ops[k].ReuseIndex] = true;

                // Clobbers, except registers the instruction itself defines (a call's result register).
                var clobbers = code.Clobbers(i);
                if (!clobbers.IsEmpty)
                {
                    foreach (var r in env.AllocatableRegs(RegClass.Int)) MaybeClobber(code, fixedRes, ops, clobbers, r, i);
                    foreach (var r in env.AllocatableRegs(RegClass.Float)) MaybeClobber(code, fixedRes, ops, clobbers, r, i);
                }

                // Defs first (they end the backward liveness), then uses.
                for (int k = 0; k < ops.Length; k++)
                {
                    var op = ops[k];
                    if (!op.IsDef) continue;
                    int v = op.VReg.Index;
                    bool isLive = (liveNow[v >> 6] >> v & 1) != 0;
                    int pos;
                    bool needsReg = true;
                    switch (op.Constraint)
                    {
                        case OperandConstraint.Fixed:
                        {
                            var p = op.FixedReg;
                            int from = ProgramPoints.Of(i, op.Pos == OperandPos.Early ? ProgramPoints.Early : ProgramPoints.Late);
                            if (env.Allocatable.Contains(p)) fixedRes.Add(p.Index, from, ProgramPoints.Of(i, 4), v);
                            if (hintReg[v] < 0) hintReg[v] = p.Index;
                            if (!isLive) continue; // dead: the value only ever exists in p
                            pos = from;
                            needsReg = false; // copied out of p after the instruction, to wherever v lives
                            break;
                        }
                        case OperandConstraint.Reuse:
                            pos = ProgramPoints.Of(i, ProgramPoints.PreWrite);
                            break;
                        default:
                            pos = ProgramPoints.Of(i, op.Kind == OperandKind.Def && op.Pos == OperandPos.Early ? ProgramPoints.Early : ProgramPoints.Late);
                            needsReg = op.Constraint == OperandConstraint.Reg;
                            break;
                    }
                    if (isLive)
                    {
                        var it = iv[v]!;
                        it.From[it.RangeCount - 1] = Math.Max(it.From[it.RangeCount - 1], pos);
                    }
                    else AddRange(iv, v, pos, pos + 1);
                    iv[v]!.AddUse(pos, needsReg);
                    if (op.Constraint == OperandConstraint.Reuse) iv[v]!.AddUse(ProgramPoints.Of(i, ProgramPoints.Late), true);
                    liveNow[v >> 6] &= ~(1UL << v);
                }
                for (int k = 0; k < ops.Length; k++)
                {
                    var op = ops[k];
                    if (!op.IsUse) continue;
                    int v = op.VReg.Index;
                    int pos;
                    bool needsReg;
                    if (op.Constraint == OperandConstraint.Fixed)
                    {
                        var p = op.FixedReg;
                        if (env.Allocatable.Contains(p))
                            fixedRes.Add(p.Index, ProgramPoints.Of(i, ProgramPoints.PreWrite), ProgramPoints.Of(i, op.Pos == OperandPos.Late ? 4 : 3), v);
                        if (hintReg[v] < 0) hintReg[v] = p.Index;
                        pos = ProgramPoints.Of(i, ProgramPoints.PreRead);
                        needsReg = false;
                    }
                    else if (reusedInput[k])
                    {
                        pos = ProgramPoints.Of(i, ProgramPoints.PreRead);
                        needsReg = false;
                    }
                    else
                    {
                        pos = ProgramPoints.Of(i, op.Pos == OperandPos.Late ? ProgramPoints.Late : ProgramPoints.Early);
                        needsReg = op.Constraint == OperandConstraint.Reg;
                    }
                    AddRange(iv, v, blockFrom, pos + 1);
                    iv[v]!.AddUse(pos, needsReg);
                    liveNow[v >> 6] |= 1UL << v;
                    touched.Add(v);
                }

                if ((code.InstFlags(i) & InstFlags.Move) != 0 && hintVReg[ops[0].VReg.Index] < 0)
                {
                    hintVReg[ops[0].VReg.Index] = ops[1].VReg.Index;
                    hintPos[ops[0].VReg.Index] = ProgramPoints.Of(i, ProgramPoints.Early);
                }
            }

            // Params are defined at the top: hint each to its arg from a predecessor laid out earlier.
            var ps = code.BlockParams(b);
            if (ps.Length > 0)
            {
                foreach (int p in code.Predecessors(b))
                {
                    if (p >= b) continue;
                    int si = code.Successors(p).IndexOf(b);
                    var args = code.BranchArgs(p, si);
                    for (int j = 0; j < ps.Length; j++)
                        if (hintVReg[ps[j].Index] < 0)
                        {
                            hintVReg[ps[j].Index] = args[j].Index;
                            hintPos[ps[j].Index] = ProgramPoints.Of(code.BlockEndInst(p), 0) - 1;
                        }
                    break;
                }
            }
        }

        for (int v = 0; v < nv; v++)
        {
            var it = iv[v];
            if (it is null) continue;
            Array.Reverse(it.From, 0, it.RangeCount);
            Array.Reverse(it.To, 0, it.RangeCount);
            Array.Sort(it.Uses, 0, it.UseCount);
        }
        fixedRes.Seal();
        return iv;

        void MarkLive(int v)
        {
            if ((liveNow[v >> 6] >> v & 1) != 0) return;
            liveNow[v >> 6] |= 1UL << v;
            touched.Add(v);
        }
    }

    private static void MaybeClobber(VCode code, FixedReservations fixedRes, ReadOnlySpan<Operand> ops, PRegSet clobbers, PReg r, int inst)
    {
        if (!clobbers.Contains(r)) return;
        foreach (var op in ops)
            if (op.IsDef && op.Constraint == OperandConstraint.Fixed && op.FixedReg == r) return;
        _ = code;
        fixedRes.Add(r.Index, ProgramPoints.Of(inst, ProgramPoints.Late), ProgramPoints.Of(inst, 4), -1);
    }

    /// <summary>Adds [from, to) below the existing ranges (built backward), merging when they touch.</summary>
    private static void AddRange(LiveInterval?[] iv, int v, int from, int to)
    {
        var it = iv[v] ??= new LiveInterval(v, 4, 4);
        int n = it.RangeCount;
        if (n > 0 && to >= it.From[n - 1])
        {
            if (from < it.From[n - 1]) it.From[n - 1] = from;
            if (to > it.To[n - 1]) it.To[n - 1] = to;
            return;
        }
        if (n == it.From.Length)
        {
            Array.Resize(ref it.From, n * 2);
            Array.Resize(ref it.To, n * 2);
        }
        it.From[n] = from;
        it.To[n] = to;
        it.RangeCount = n + 1;
    }
}
