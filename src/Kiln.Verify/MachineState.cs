namespace Kiln.Verify;

/// <summary>The abstract machine state at one instruction: general registers, spill slots, the last comparison, the stack check.</summary>
internal sealed class MachineState
{
    public readonly AbstractValue[] Registers = new AbstractValue[16];

    /// <summary>Stack slots addressed from rbp (which never changes after the prologue).</summary>
    public readonly Dictionary<long, AbstractValue> Slots = [];

    /// <summary>Table index → a proved lower bound on its current length (from <c>cmp len, K; jbe trap</c>).</summary>
    public readonly Dictionary<long, long> TableMinLength = [];

    /// <summary>The prologue's stack-limit check has passed on every path here.</summary>
    public bool StackChecked;

    /// <summary>The flags hold <c>cmp CompareRegister, CompareWith</c> (register index, or -1 for none).</summary>
    public int CompareRegister = -1;
    public AbstractValue CompareWith;
    /// <summary>The register operand was the second one (<c>cmp CompareWith, register</c>).</summary>
    public bool CompareSwapped;
    /// <summary>The flags hold <c>cmp rsp, [stack limit]</c>.</summary>
    public bool CompareStack;

    public MachineState Clone()
    {
        var s = new MachineState { StackChecked = StackChecked, CompareRegister = CompareRegister, CompareWith = CompareWith, CompareSwapped = CompareSwapped, CompareStack = CompareStack };
        Registers.CopyTo(s.Registers, 0);
        foreach (var (k, v) in Slots) s.Slots[k] = v;
        foreach (var (k, v) in TableMinLength) s.TableMinLength[k] = v;
        return s;
    }

    public void ClearFlags()
    {
        CompareRegister = -1;
        CompareStack = false;
    }

    /// <summary>Joins <paramref name="other"/> into this state; true when this state changed.</summary>
    public bool JoinWith(MachineState other)
    {
        bool changed = false;
        for (int i = 0; i < Registers.Length; i++)
        {
            var j = AbstractValue.Join(Registers[i], other.Registers[i]);
            if (j != Registers[i]) { Registers[i] = j; changed = true; }
        }
        foreach (var key in Slots.Keys.ToList())
        {
            var j = other.Slots.TryGetValue(key, out var o) ? AbstractValue.Join(Slots[key], o) : AbstractValue.Unknown;
            if (j != Slots[key]) { Slots[key] = j; changed = true; }
        }
        foreach (var key in TableMinLength.Keys.ToList())
        {
            long j = other.TableMinLength.TryGetValue(key, out var o) ? Math.Min(o, TableMinLength[key]) : 0;
            if (j != TableMinLength[key]) { TableMinLength[key] = j; changed = true; }
        }
        if (StackChecked && !other.StackChecked) { StackChecked = false; changed = true; }
        if (CompareRegister >= 0 && (other.CompareRegister != CompareRegister || other.CompareWith != CompareWith || other.CompareSwapped != CompareSwapped))
        {
            CompareRegister = -1;
            changed = true;
        }
        if (CompareStack && !other.CompareStack) { CompareStack = false; changed = true; }
        return changed;
    }
}
