namespace Kiln.Codegen;

/// <summary>An allocation the checker rejected.</summary>
public sealed class CheckerException(string message) : Exception(message);

/// <summary>
/// Symbolic verifier of an allocation, in the spirit of regalloc2's checker. It knows nothing of how the
/// allocator works: it runs the program abstractly over locations (registers and spill slots), each
/// holding the name of the vreg whose current value it contains, or unknown. Edits copy names; clobbers
/// erase; a def names its location and erases stale copies of the same vreg (vregs may be redefined);
/// block params are renamed from their args on each edge. States meet at joins (disagreement = unknown)
/// until a fixpoint; then every use must find its vreg in its allocation, and every allocation must
/// satisfy its operand's constraint and not collide with the instruction's other operands.
/// </summary>
public static class RegAllocChecker
{
    private const int Unknown = -1;

    public static void Check(VCode code, MachineEnv env, RegAllocResult result)
    {
        var c = new Run(code, env, result);
        c.Go();
    }

    private sealed class Run(VCode code, MachineEnv env, RegAllocResult result)
    {
        private readonly int _intSlots = result.SpillSlotCounts[0];
        private readonly int _locCount = PReg.IndexLimit + result.SpillSlotCounts[0] + result.SpillSlotCounts[1];

        public void Go()
        {
            for (int k = 1; k < result.Edits.Length; k++)
                if (result.Edits[k].Inst < result.Edits[k - 1].Inst) throw Fail("edits are not sorted by instruction");

            int nb = code.BlockCount;
            var entry = new int[nb][];
            var queued = new bool[nb];
            var work = new Queue<int>();
            entry[0] = new int[_locCount];
            Array.Fill(entry[0], Unknown);
            work.Enqueue(0);
            queued[0] = true;
            var st = new int[_locCount];
            var edge = new int[_locCount];
            while (work.Count > 0)
            {
                int b = work.Dequeue();
                queued[b] = false;
                entry[b].CopyTo(st, 0);
                RunBlock(b, st, check: false);
                var succs = code.Successors(b);
                for (int k = 0; k < succs.Length; k++)
                {
                    int s = succs[k];
                    st.CopyTo(edge, 0);
                    if (!RenameAtStart(s)) Rename(edge, b, k, s, check: false);
                    bool changed;
                    if (entry[s] is null) { entry[s] = (int[])edge.Clone(); changed = true; }
                    else
                    {
                        changed = false;
                        var e = entry[s];
                        for (int l = 0; l < _locCount; l++)
                            if (e[l] != edge[l] && e[l] != Unknown) { e[l] = Unknown; changed = true; }
                    }
                    if (changed && !queued[s]) { queued[s] = true; work.Enqueue(s); }
                }
            }

            // Fixpoint reached: verify every reachable block against its final entry state.
            for (int b = 0; b < nb; b++)
            {
                if (entry[b] is null) continue;
                entry[b].CopyTo(st, 0);
                RunBlock(b, st, check: true);
                var succs = code.Successors(b);
                for (int k = 0; k < succs.Length; k++)
                    if (!RenameAtStart(succs[k]))
                    {
                        st.CopyTo(edge, 0);
                        Rename(edge, b, k, succs[k], check: true);
                    }
            }
        }

        /// <summary>Edge moves sit at the top of a block exactly when its only predecessor has several successors.</summary>
        private bool RenameAtStart(int block)
        {
            var preds = code.Predecessors(block);
            return preds.Length == 1 && code.Successors(preds[0]).Length > 1;
        }

        private void Rename(int[] st, int pred, int succIndex, int succ, bool check)
        {
            var args = code.BranchArgs(pred, succIndex);
            var ps = code.BlockParams(succ);
            int off = code.BlockParamOffset(succ);
            for (int j = 0; j < ps.Length; j++)
            {
                var a = result.BlockParamAllocs[off + j];
                if (a.IsNone) continue;
                if (check && st[Loc(a)] != args[j].Index)
                    throw Fail($"edge {pred} -> {succ}: param {ps[j]} at {a} holds {Name(st[Loc(a)])}, expected arg {args[j]}");
            }
            for (int j = 0; j < ps.Length; j++) Erase(st, ps[j].Index);
            for (int j = 0; j < ps.Length; j++)
            {
                var a = result.BlockParamAllocs[off + j];
                if (!a.IsNone) st[Loc(a)] = ps[j].Index;
            }
        }

        private void RunBlock(int b, int[] st, bool check)
        {
            int first = code.BlockFirstInst(b);
            int e = result.FirstEditAt(first);
            bool renameAtStart = RenameAtStart(b);
            if (renameAtStart)
            {
                for (; e < result.Edits.Length && result.Edits[e].Inst == first && result.Edits[e].Origin == EditOrigin.EdgeStart; e++)
                    ApplyEdit(st, result.Edits[e]);
                var pred = code.Predecessors(b)[0];
                Rename(st, pred, code.Successors(pred).IndexOf(b), b, check);
            }
            for (int i = first; i < code.BlockEndInst(b); i++)
            {
                for (; e < result.Edits.Length && result.Edits[e].Inst == i; e++) ApplyEdit(st, result.Edits[e]);
                RunInst(i, st, check);
            }
        }

        private void ApplyEdit(int[] st, Edit ed)
        {
            if (ed.From.IsNone || ed.To.IsNone || ed.From.Class != ed.To.Class)
                throw Fail($"bad edit {ed}");
            if (ed.From.IsStack && ed.To.IsStack) throw Fail($"stack-to-stack edit {ed}");
            st[Loc(ed.To)] = st[Loc(ed.From)];
        }

        private void RunInst(int i, int[] st, bool check)
        {
            var ops = code.Operands(i);
            int off = code.OperandOffset(i);
            var clobbers = code.Clobbers(i);
            if (check)
            {
                for (int k = 0; k < ops.Length; k++) CheckOperand(i, k, ops, off, st, clobbers);
            }
            for (int k = 0; k < ops.Length; k++)
                if (ops[k].IsDef && result.OperandAllocs[off + k].IsReg) clobbers.Remove(result.OperandAllocs[off + k].AsReg);
            if (!clobbers.IsEmpty)
                for (int r = 0; r < PReg.IndexLimit; r++)
                    if (clobbers.ContainsIndex(r)) st[r] = Unknown;
            for (int k = 0; k < ops.Length; k++)
            {
                if (!ops[k].IsDef) continue;
                int v = ops[k].VReg.Index;
                Erase(st, v);
            }
            for (int k = 0; k < ops.Length; k++)
                if (ops[k].IsDef) st[Loc(result.OperandAllocs[off + k])] = ops[k].VReg.Index;
        }

        private void CheckOperand(int i, int k, ReadOnlySpan<Operand> ops, int off, int[] st, PRegSet clobbers)
        {
            var op = ops[k];
            var a = result.OperandAllocs[off + k];
            string where = $"inst {i} operand {k} ({op})";
            if (a.IsNone) throw Fail($"{where}: no allocation");
            if (a.Class != op.VReg.Class) throw Fail($"{where}: allocated {a} of the wrong class");
            bool allocReg = a.IsReg && env.Allocatable.Contains(a.AsReg);
            switch (op.Constraint)
            {
                case OperandConstraint.Reg:
                    if (!allocReg) throw Fail($"{where}: needs an allocatable register, got {a}");
                    break;
                case OperandConstraint.Any:
                    if (!allocReg && !a.IsStack) throw Fail($"{where}: got {a}");
                    break;
                case OperandConstraint.Fixed:
                    if (!a.IsReg || a.AsReg != op.FixedReg) throw Fail($"{where}: got {a}");
                    break;
                case OperandConstraint.Reuse:
                    if (!allocReg || a != result.OperandAllocs[off + op.ReuseIndex]) throw Fail($"{where}: not in its input's register ({a} vs {result.OperandAllocs[off + op.ReuseIndex]})");
                    break;
            }
            if (op.IsUse && st[Loc(a)] != op.VReg.Index)
                throw Fail($"{where}: {a} holds {Name(st[Loc(a)])}");
            if (op.IsUse && op.Pos == OperandPos.Late && a.IsReg && clobbers.Contains(a.AsReg))
                throw Fail($"{where}: late use in clobbered {a}");
            if (!op.IsDef) return;
            for (int j = 0; j < ops.Length; j++)
            {
                if (j == k) continue;
                var b = result.OperandAllocs[off + j];
                if (b != a) continue;
                var o = ops[j];
                if (o.IsDef && o.VReg != op.VReg) throw Fail($"{where}: shares {a} with def operand {j}");
                if (op.Kind == OperandKind.Mod || !o.IsUse || o.VReg == op.VReg) continue;
                bool reusedInput = op.Constraint == OperandConstraint.Reuse && j == op.ReuseIndex;
                bool conflict = op.Pos == OperandPos.Early || o.Pos == OperandPos.Late || o.Kind == OperandKind.Mod;
                if (conflict && !reusedInput) throw Fail($"{where}: written while use operand {j} reads {a}");
            }
        }

        private void Erase(int[] st, int v)
        {
            for (int l = 0; l < st.Length; l++)
                if (st[l] == v) st[l] = Unknown;
        }

        private int Loc(Allocation a)
        {
            if (a.IsReg) return a.AsReg.Index;
            if (!a.IsStack) throw Fail("no location");
            var s = a.AsStack;
            int limit = s.Class == RegClass.Int ? _intSlots : result.SpillSlotCounts[1];
            if ((uint)s.Index >= (uint)limit) throw Fail($"{s} beyond the slot count");
            return PReg.IndexLimit + (s.Class == RegClass.Int ? 0 : _intSlots) + s.Index;
        }

        private static string Name(int v) => v == Unknown ? "nothing known" : "v" + v.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static CheckerException Fail(string message) => new("regalloc checker: " + message);
    }
}
