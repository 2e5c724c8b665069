namespace Kiln.Codegen;

/// <summary>
/// Sequentializes a parallel move (every destination distinct; a source may feed several destinations).
/// A move whose destination no pending move still reads is emitted first; when only cycles remain, one
/// destination's old value is saved to a temporary and its readers redirected. The temporary is the
/// class's scratch register unless a stack-to-stack move is still pending (that move needs the scratch
/// itself), then a dedicated temp spill slot. Stack-to-stack moves go through the scratch register.
/// Buffers are reused between calls.
/// </summary>
public sealed class ParallelMoveResolver
{
    private readonly MachineEnv _env;
    private readonly int[] _slotCount;
    private readonly int[] _tempSlot = [-1, -1];
    private readonly List<Allocation> _src = [];
    private readonly List<Allocation> _dst = [];
    public PRegSet ScratchUsed;

    /// <param name="slotCount">Spill slots used per class; grown when a temp slot is needed.</param>
    public ParallelMoveResolver(MachineEnv env, int[] slotCount)
    {
        _env = env;
        _slotCount = slotCount;
    }

    public void Add(Allocation from, Allocation to)
    {
        if (from == to) return;
        for (int k = 0; k < _dst.Count; k++)
            if (_dst[k] == to)
            {
                if (_src[k] != from) throw new InvalidOperationException($"parallel move writes {to} twice");
                return;
            }
        _src.Add(from);
        _dst.Add(to);
    }

    public bool IsEmpty => _dst.Count == 0;

    /// <summary>Appends the sequential moves to <paramref name="output"/> and clears the pending set.</summary>
    /// <summary>Every edit of the group, helpers included, is tagged with <paramref name="origin"/>.</summary>
    public void Resolve(int inst, EditOrigin origin, List<Edit> output)
    {
        while (_dst.Count > 0)
        {
            bool progress = false;
            for (int k = _dst.Count - 1; k >= 0; k--)
            {
                if (IsRead(_dst[k], k)) continue;
                Emit(inst, _src[k], _dst[k], origin, output);
                RemoveAt(k);
                progress = true;
            }
            if (progress) continue;

            // Only cycles remain: free the first destination by saving its current value.
            var d = _dst[0];
            var cls = d.Class;
            bool stackToStackPending = false;
            for (int k = 0; k < _dst.Count; k++)
                if (_src[k] != d && _src[k].IsStack && _dst[k].IsStack) stackToStackPending = true;
            Allocation temp;
            if (!stackToStackPending)
                temp = Allocation.Reg(_env.Scratch(cls));
            else
            {
                if (_tempSlot[(int)cls] < 0) _tempSlot[(int)cls] = _slotCount[(int)cls]++;
                temp = Allocation.Stack(new SpillSlot(cls, _tempSlot[(int)cls]));
            }
            Emit(inst, d, temp, origin, output);
            for (int k = 0; k < _dst.Count; k++)
                if (_src[k] == d) _src[k] = temp;
        }
    }

    private bool IsRead(Allocation loc, int except)
    {
        for (int j = 0; j < _src.Count; j++)
            if (j != except && _src[j] == loc) return true;
        return false;
    }

    private void RemoveAt(int k)
    {
        _src.RemoveAt(k);
        _dst.RemoveAt(k);
    }

    private void Emit(int inst, Allocation from, Allocation to, EditOrigin origin, List<Edit> output)
    {
        if (from.IsStack && to.IsStack)
        {
            var scratch = Allocation.Reg(_env.Scratch(to.Class));
            ScratchUsed.Add(scratch.AsReg);
            output.Add(new Edit(inst, from, scratch, origin));
            output.Add(new Edit(inst, scratch, to, origin));
            return;
        }
        if (from.IsReg && from.AsReg == _env.Scratch(from.Class)) ScratchUsed.Add(from.AsReg);
        if (to.IsReg && to.AsReg == _env.Scratch(to.Class)) ScratchUsed.Add(to.AsReg);
        output.Add(new Edit(inst, from, to, origin));
    }
}
