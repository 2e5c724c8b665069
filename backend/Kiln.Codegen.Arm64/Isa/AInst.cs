using Kiln.IR;

namespace Kiln.Codegen.Arm64;

/// <summary>
/// One AArch64 machine instruction (or short fixed expansion) over virtual registers. Register operands live in the
/// VCode operand list (so the allocator sees their constraints); this struct holds everything else and refers to
/// operands by position. Plain data, so a function's instructions are one array.
/// </summary>
public struct AInst
{
    public AOp Op;
    /// <summary>Sub-operation (<see cref="AluOp"/>, <see cref="DivKind"/>, ... depending on <see cref="Op"/>).</summary>
    public byte Sub;
    /// <summary>Operation size in bytes (4 or 8; for floats 4 = single, 8 = double; for memory the access size).</summary>
    public byte Size;
    /// <summary>Second size: compare size of a flags consumer, source size of a conversion.</summary>
    public byte Size2;
    public Cond Cond;
    public FlagsKind Flags;
    /// <summary>Operand index of the first compare operand.</summary>
    public byte FlagsAt;
    public TrapCode Trap;
    /// <summary>Operand index of the address base, or -1.</summary>
    public sbyte Base;
    /// <summary>Operand index of the 64-bit address index (added to the base), or -1.</summary>
    public sbyte Index;
    /// <summary>Left shift (0-3) applied to the index.</summary>
    public byte Shift;
    public long Disp;
    public long Imm;
    public int Target;
    public int Target2;
    /// <summary>The IR instruction this came from (for the source map), or -1.</summary>
    public int IrInst;

    public AInst(AOp op, int irInst)
    {
        Op = op;
        Base = -1;
        Index = -1;
        IrInst = irInst;
    }

    public override readonly string ToString() => A64InstFormatter.Instance.Format(this, []);
}
