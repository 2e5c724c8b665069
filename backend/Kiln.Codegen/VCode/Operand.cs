namespace Kiln.Codegen;

/// <summary>How an instruction touches a vreg.</summary>
public enum OperandKind : byte
{
    Use = 0,
    Def = 1,
    /// <summary>Read and written in the same location (x86 <c>add [mem], r</c>, or a register updated in place).</summary>
    Mod = 2,
}

/// <summary>
/// When within the instruction the operand is accessed. Early uses are read before late defs are
/// written, so they may share a register; an early def conflicts with every use, a late use with every def.
/// </summary>
public enum OperandPos : byte
{
    Early = 0,
    Late = 1,
}

public enum OperandConstraint : byte
{
    /// <summary>Any register of the vreg's class.</summary>
    Reg = 0,
    /// <summary>A register or a spill slot (the instruction can address memory directly).</summary>
    Any = 1,
    /// <summary>Exactly the given physical register.</summary>
    Fixed = 2,
    /// <summary>A def that must land in the register of input operand N (two-address forms).</summary>
    Reuse = 3,
}

/// <summary>
/// One register operand: a vreg, how it is accessed, when, and where it may live.
/// Packed as the vreg plus a 32-bit word: kind(2) pos(1) constraint(2) payload(8 at bit 8).
/// </summary>
public readonly record struct Operand
{
    private readonly int _bits;

    public Operand(VReg vreg, OperandKind kind, OperandPos pos, OperandConstraint constraint, int payload = 0)
    {
        VReg = vreg;
        _bits = (int)kind | ((int)pos << 2) | ((int)constraint << 3) | ((payload & 0xFF) << 8);
    }

    public VReg VReg { get; }
    public OperandKind Kind => (OperandKind)(_bits & 3);
    public OperandPos Pos => (OperandPos)((_bits >> 2) & 1);
    public OperandConstraint Constraint => (OperandConstraint)((_bits >> 3) & 3);
    /// <summary>The fixed register of a <see cref="OperandConstraint.Fixed"/> operand.</summary>
    public PReg FixedReg => PReg.FromIndex((_bits >> 8) & 0xFF);
    /// <summary>The input operand index a <see cref="OperandConstraint.Reuse"/> def shares its register with.</summary>
    public int ReuseIndex => (_bits >> 8) & 0xFF;

    public bool IsUse => Kind != OperandKind.Def;
    public bool IsDef => Kind != OperandKind.Use;

    public static Operand RegUse(VReg v) => new(v, OperandKind.Use, OperandPos.Early, OperandConstraint.Reg);
    public static Operand RegUseLate(VReg v) => new(v, OperandKind.Use, OperandPos.Late, OperandConstraint.Reg);
    public static Operand AnyUse(VReg v) => new(v, OperandKind.Use, OperandPos.Early, OperandConstraint.Any);
    public static Operand FixedUse(VReg v, PReg r) => new(v, OperandKind.Use, OperandPos.Early, OperandConstraint.Fixed, r.Index);
    public static Operand RegDef(VReg v) => new(v, OperandKind.Def, OperandPos.Late, OperandConstraint.Reg);
    public static Operand RegDefEarly(VReg v) => new(v, OperandKind.Def, OperandPos.Early, OperandConstraint.Reg);
    public static Operand AnyDef(VReg v) => new(v, OperandKind.Def, OperandPos.Late, OperandConstraint.Any);
    public static Operand FixedDef(VReg v, PReg r) => new(v, OperandKind.Def, OperandPos.Late, OperandConstraint.Fixed, r.Index);
    public static Operand ReuseDef(VReg v, int inputIndex) => new(v, OperandKind.Def, OperandPos.Late, OperandConstraint.Reuse, inputIndex);
    public static Operand RegMod(VReg v) => new(v, OperandKind.Mod, OperandPos.Early, OperandConstraint.Reg);
    public static Operand AnyMod(VReg v) => new(v, OperandKind.Mod, OperandPos.Early, OperandConstraint.Any);

    public override string ToString()
    {
        string c = Constraint switch
        {
            OperandConstraint.Reg => "reg",
            OperandConstraint.Any => "any",
            OperandConstraint.Fixed => FixedReg.ToString(),
            _ => "reuse" + ReuseIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return $"{Kind.ToString().ToLowerInvariant()}{(Pos == OperandPos.Late ? "@late" : "")} {VReg}:{c}";
    }
}
