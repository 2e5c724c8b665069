namespace Kiln.Codegen;

/// <summary>
/// Entry point: liveness, live intervals, linear scan per register class, then the rewrite — operand
/// allocations and the edits (moves) that connect split pieces, satisfy fixed and reuse constraints and
/// resolve data flow across CFG edges (block params and live-in values). Each group of moves that happens
/// at one point is a parallel move, sequentialized by <see cref="ParallelMoveResolver"/>.
/// Edits before instruction i run in this order: copies out of fixed def registers of i-1; split moves
/// (or edge moves at a block start); edge moves at a block end (before its jump); copies into fixed
/// registers and reused-input registers for i.
/// </summary>
public static class RegAllocator
{
    private const int PhaseFixedDef = 0, PhaseSplit = 1, PhaseEdgeEnd = 2, PhasePre = 3;

    public static RegAllocResult Allocate(VCode code, MachineEnv env)
    {
        CheckFixedRegs(code, env);
        Kiln.IR.CompileCheckpoint.Reach();
        var live = Liveness.Compute(code);
        Kiln.IR.CompileCheckpoint.Reach();
        if (live.LiveIn(0).Length > 0)
            throw new RegAllocException($"vreg v{live.LiveIn(0)[0]} is used before any definition");

        int nv = code.VRegCount;
        var hintReg = new int[nv];
        var hintVReg = new int[nv];
        var hintPos = new int[nv];
        Array.Fill(hintReg, -1);
        Array.Fill(hintVReg, -1);
        var fixedRes = new FixedReservations();
        var first = IntervalBuilder.Build(code, env, live, fixedRes, hintReg, hintVReg, hintPos);
        Kiln.IR.CompileCheckpoint.Reach();
        int intervals = 0;
        for (int v = 0; v < nv; v++)
            if (first[v] is { } it) { it.HintReg = hintReg[v]; intervals++; }

        var slotOf = new int[nv];
        Array.Fill(slotOf, -1);
        var slotCount = new int[RegClasses.Count];
        var scan = new LinearScan(code, env, fixedRes, first, hintVReg, hintPos, slotOf, slotCount);
        scan.Run(RegClass.Int);
        scan.Run(RegClass.Float);
        Kiln.IR.CompileCheckpoint.Reach();

        var rw = new Rewriter(code, env, live, first, slotOf, slotCount);
        return rw.Run(intervals, scan.Splits, scan.SpilledPieces);
    }

    private static void CheckFixedRegs(VCode code, MachineEnv env)
    {
        for (int i = 0; i < code.InstCount; i++)
            foreach (var op in code.Operands(i))
                if (op.Constraint == OperandConstraint.Fixed && op.FixedReg == env.Scratch(op.FixedReg.Class))
                    throw new RegAllocException($"inst {i}: operand fixed to the scratch register {op.FixedReg}");
    }

    private readonly record struct PendingMove(int Inst, int Phase, int Seq, Allocation From, Allocation To, EditOrigin Origin);

    private sealed class PendingOrder : IComparer<PendingMove>
    {
        public static readonly PendingOrder Instance = new();
        public int Compare(PendingMove a, PendingMove b)
        {
            int c = a.Inst.CompareTo(b.Inst);
            if (c != 0) return c;
            c = a.Phase.CompareTo(b.Phase);
            return c != 0 ? c : a.Seq.CompareTo(b.Seq);
        }
    }

    /// <summary>Turns the assigned pieces into operand allocations and edits.</summary>
    private sealed class Rewriter(VCode code, MachineEnv env, Liveness live, LiveInterval?[] first, int[] slotOf, int[] slotCount)
    {
        private readonly LiveInterval[][] _pieces = new LiveInterval[first.Length][];
        private readonly List<PendingMove> _pending = [];

        public RegAllocResult Run(int intervals, int splits, int spilled)
        {
            var calleeSaved = PRegSet.Empty;
            for (int v = 0; v < first.Length; v++)
            {
                int n = 0;
                for (var p = first[v]; p != null; p = p.Next) n++;
                var arr = new LiveInterval[n];
                n = 0;
                for (var p = first[v]; p != null; p = p.Next)
                {
                    arr[n++] = p;
                    if (p.Reg >= 0) calleeSaved.Add(PReg.FromIndex(p.Reg));
                    else if (!p.Spilled) throw new InvalidOperationException($"piece {p} was never allocated");
                }
                _pieces[v] = arr;
            }

            var allocs = new Allocation[code.TotalOperandCount];
            for (int i = 0; i < code.InstCount; i++) RewriteInst(i, allocs, ref calleeSaved);
            // A clobbered callee-saved register is one the caller may find changed: save it (calls that can unwind
            // here clobber every register, the callee-saved ones included).
            for (int i = 0; i < code.InstCount; i++) calleeSaved = calleeSaved.Union(code.Clobbers(i));
            AddSplitMoves();
            AddEdgeMoves();

            var paramAllocs = new Allocation[code.TotalBlockParamCount];
            for (int b = 0; b < code.BlockCount; b++)
            {
                var ps = code.BlockParams(b);
                int off = code.BlockParamOffset(b);
                for (int j = 0; j < ps.Length; j++)
                    paramAllocs[off + j] = _pieces[ps[j].Index].Length == 0 ? Allocation.None : LocAt(ps[j].Index, ProgramPoints.Of(code.BlockFirstInst(b), 0));
            }

            _pending.Sort(PendingOrder.Instance);
            var edits = new List<Edit>(_pending.Count);
            var resolver = new ParallelMoveResolver(env, slotCount);
            for (int k = 0; k < _pending.Count;)
            {
                int j = k;
                while (j < _pending.Count && _pending[j].Inst == _pending[k].Inst && _pending[j].Phase == _pending[k].Phase)
                {
                    resolver.Add(_pending[j].From, _pending[j].To);
                    j++;
                }
                resolver.Resolve(_pending[k].Inst, _pending[k].Origin, edits);
                k = j;
            }
            calleeSaved = calleeSaved.Union(resolver.ScratchUsed);

            int moves = 0, loads = 0, stores = 0;
            foreach (var e in edits)
            {
                if (e.From.IsStack) loads++;
                else if (e.To.IsStack) stores++;
                else moves++;
            }
            return new RegAllocResult
            {
                OperandAllocs = allocs,
                Edits = edits.ToArray(),
                SpillSlotCounts = slotCount,
                CalleeSavedUsed = calleeSaved.Intersect(env.CalleeSaved),
                BlockParamAllocs = paramAllocs,
                Stats = new RegAllocStats(intervals, splits, spilled, moves, loads, stores),
            };
        }

        private Allocation LocAt(int v, int pos)
        {
            var arr = _pieces[v];
            int lo = 0, hi = arr.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (arr[mid].Start <= pos) lo = mid + 1; else hi = mid;
            }
            if (lo == 0) throw new InvalidOperationException($"v{v} is not live at {pos}");
            return Loc(arr[lo - 1]);
        }

        private Allocation Loc(LiveInterval p) => p.Reg >= 0
            ? Allocation.Reg(PReg.FromIndex(p.Reg))
            : Allocation.Stack(new SpillSlot(code.VRegClass(p.VReg), slotOf[p.VReg]));

        private void AddMove(int inst, int phase, Allocation from, Allocation to, EditOrigin origin)
        {
            if (from != to) _pending.Add(new PendingMove(inst, phase, _pending.Count, from, to, origin));
        }

        private void RewriteInst(int i, Allocation[] allocs, ref PRegSet used)
        {
            var ops = code.Operands(i);
            int off = code.OperandOffset(i);
            for (int k = 0; k < ops.Length; k++)
            {
                var op = ops[k];
                int v = op.VReg.Index;
                Allocation a;
                switch (op.Constraint)
                {
                    case OperandConstraint.Fixed:
                        a = Allocation.Reg(op.FixedReg);
                        used.Add(op.FixedReg);
                        if (op.IsUse)
                            AddMove(i, PhasePre, LocAt(v, ProgramPoints.Of(i, ProgramPoints.PreRead)), a, EditOrigin.Pre);
                        else if (_pieces[v].Length > 0 && IsDefLive(v, i))
                            AddMove(i + 1, PhaseFixedDef, a, LocAt(v, ProgramPoints.Of(i, ProgramPoints.Late)), EditOrigin.FixedDef);
                        break;
                    case OperandConstraint.Reuse:
                        a = LocAt(v, ProgramPoints.Of(i, ProgramPoints.PreWrite));
                        AddMove(i, PhasePre, LocAt(ops[op.ReuseIndex].VReg.Index, ProgramPoints.Of(i, ProgramPoints.PreRead)), a, EditOrigin.Pre);
                        break;
                    default:
                        bool early = op.Kind == OperandKind.Mod || op.Pos == OperandPos.Early;
                        a = LocAt(v, ProgramPoints.Of(i, early ? ProgramPoints.Early : ProgramPoints.Late));
                        break;
                }
                allocs[off + k] = a;
            }
            // A reused input reads the def's register (filled by the Pre move above).
            for (int k = 0; k < ops.Length; k++)
                if (ops[k].Constraint == OperandConstraint.Reuse) allocs[off + ops[k].ReuseIndex] = allocs[off + k];
        }

        /// <summary>Whether v (fixed-defined at i) has a piece covering the def, i.e. was live after it.</summary>
        private bool IsDefLive(int v, int i)
        {
            int late = ProgramPoints.Of(i, ProgramPoints.Late), early = ProgramPoints.Of(i, ProgramPoints.Early);
            foreach (var p in _pieces[v])
                if (p.CoversAt(late) || p.CoversAt(early)) return true;
            return false;
        }

        private bool IsBlockStart(int pos)
        {
            int inst = ProgramPoints.InstOf(pos);
            return inst < code.InstCount && code.BlockFirstInst(code.InstBlock(inst)) == inst && (pos & 3) == 0;
        }

        private void AddSplitMoves()
        {
            foreach (var arr in _pieces)
                for (int k = 1; k < arr.Length; k++)
                {
                    var a = arr[k - 1];
                    var b = arr[k];
                    if (a.End != b.Start || IsBlockStart(b.Start)) continue;
                    AddMove(ProgramPoints.InstOf(b.Start), PhaseSplit, Loc(a), Loc(b), EditOrigin.Split);
                }
        }

        private void AddEdgeMoves()
        {
            for (int b = 0; b < code.BlockCount; b++)
            {
                var succs = code.Successors(b);
                int endPos = ProgramPoints.Of(code.BlockEndInst(b), 0) - 1;
                for (int k = 0; k < succs.Length; k++)
                {
                    int s = succs[k];
                    int startPos = ProgramPoints.Of(code.BlockFirstInst(s), 0);
                    int inst, phase;
                    EditOrigin origin;
                    if (succs.Length == 1) { inst = code.BlockEndInst(b) - 1; phase = PhaseEdgeEnd; origin = EditOrigin.EdgeEnd; }
                    else { inst = code.BlockFirstInst(s); phase = PhaseSplit; origin = EditOrigin.EdgeStart; }

                    foreach (int v in live.LiveIn(s))
                        AddMove(inst, phase, LocAt(v, endPos), LocAt(v, startPos), origin);
                    var ps = code.BlockParams(s);
                    var args = code.BranchArgs(b, k);
                    for (int j = 0; j < ps.Length; j++)
                    {
                        if (_pieces[ps[j].Index].Length == 0) continue;
                        AddMove(inst, phase, LocAt(args[j].Index, endPos), LocAt(ps[j].Index, startPos), origin);
                    }
                }
            }
        }
    }
}
