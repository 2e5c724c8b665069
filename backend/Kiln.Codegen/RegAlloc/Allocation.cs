namespace Kiln.Codegen;

public enum AllocationKind : byte
{
    None = 0,
    Reg = 1,
    Stack = 2,
}

/// <summary>Where a value lives: a physical register or a spill slot. Packed: kind(2) class(2) index(28).</summary>
public readonly record struct Allocation
{
    private readonly int _bits;

    private Allocation(AllocationKind kind, RegClass cls, int index) => _bits = (int)kind | ((int)cls << 2) | (index << 4);

    public static Allocation None => default;
    public static Allocation Reg(PReg r) => new(AllocationKind.Reg, r.Class, r.Index);
    public static Allocation Stack(SpillSlot s) => new(AllocationKind.Stack, s.Class, s.Index);

    public AllocationKind Kind => (AllocationKind)(_bits & 3);
    public RegClass Class => (RegClass)((_bits >> 2) & 3);
    public bool IsNone => Kind == AllocationKind.None;
    public bool IsReg => Kind == AllocationKind.Reg;
    public bool IsStack => Kind == AllocationKind.Stack;
    public PReg AsReg => IsReg ? PReg.FromIndex(_bits >> 4) : throw new InvalidOperationException("not a register");
    public SpillSlot AsStack => IsStack ? new SpillSlot(Class, _bits >> 4) : throw new InvalidOperationException("not a spill slot");

    public override string ToString() => Kind switch
    {
        AllocationKind.Reg => AsReg.ToString(),
        AllocationKind.Stack => AsStack.ToString(),
        _ => "none",
    };
}
