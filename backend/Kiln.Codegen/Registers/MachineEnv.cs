namespace Kiln.Codegen;

/// <summary>
/// What the allocator needs to know about a target's registers. Per class: allocatable registers in
/// preference order (put caller-saved first so leaf code avoids prologue saves), which of them are
/// callee-saved, and one reserved scratch register the move resolver may use freely
/// (for stack-to-stack moves and for breaking cycles). Scratch registers must not be allocatable.
/// </summary>
public sealed class MachineEnv
{
    private readonly PReg[][] _allocatable;
    private readonly PReg[] _scratch;

    public MachineEnv(PReg[] intRegs, PReg[] floatRegs, PRegSet calleeSaved, PReg intScratch, PReg floatScratch,
        int intSlotSize = 8, int floatSlotSize = 16)
    {
        _allocatable = [intRegs, floatRegs];
        _scratch = [intScratch, floatScratch];
        CalleeSaved = calleeSaved;
        SlotSizes = [intSlotSize, floatSlotSize];
        var all = PRegSet.Empty;
        for (int c = 0; c < RegClasses.Count; c++)
        {
            foreach (var r in _allocatable[c])
            {
                if ((int)r.Class != c) throw new ArgumentException($"{r} listed under class {(RegClass)c}");
                if (r == _scratch[c]) throw new ArgumentException($"scratch {r} must not be allocatable");
                all.Add(r);
            }
            if ((int)_scratch[c].Class != c) throw new ArgumentException("scratch register of the wrong class");
        }
        Allocatable = all;
    }

    /// <summary>All allocatable registers.</summary>
    public PRegSet Allocatable { get; }

    /// <summary>Registers a callee must preserve; the rest are clobbered by calls.</summary>
    public PRegSet CalleeSaved { get; }

    /// <summary>Spill slot size in bytes per class (8 for Int, 16 for Float so a v128 fits).</summary>
    public int[] SlotSizes { get; }

    public ReadOnlySpan<PReg> AllocatableRegs(RegClass cls) => _allocatable[(int)cls];

    public PReg Scratch(RegClass cls) => _scratch[(int)cls];

    /// <summary>Every allocatable and scratch register: what a call clobbers on its unwinding edge, where no
    /// callee restores anything (<see cref="LandingSite"/>).</summary>
    public PRegSet AllRegisters
    {
        get
        {
            var s = Allocatable;
            s.Add(_scratch[0]);
            s.Add(_scratch[1]);
            return s;
        }
    }

    /// <summary>Caller-saved allocatable registers plus scratch: what a call clobbers.</summary>
    public PRegSet CallerSaved
    {
        get
        {
            var s = Allocatable.Except(CalleeSaved);
            if (!CalleeSaved.Contains(_scratch[0])) s.Add(_scratch[0]);
            if (!CalleeSaved.Contains(_scratch[1])) s.Add(_scratch[1]);
            return s;
        }
    }
}
