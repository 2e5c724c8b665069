using Kiln.IR;

namespace Kiln.Codegen.X64;


/// <summary>
/// One x86-64 machine instruction over virtual registers. Register operands live in the VCode operand list
/// (so the allocator sees their constraints); this struct holds everything else and refers to operands by
/// position. Plain data: no references, so a function's instructions are one array.
/// </summary>
public struct MInst
{
    public MOp Op;
    /// <summary>Sub-operation (an <see cref="AluOp"/>, <see cref="ShiftOp"/>, ... depending on <see cref="Op"/>).</summary>
    public byte Sub;
    /// <summary>Operation size in bytes (1, 2, 4, 8; for floats 4 = single, 8 = double).</summary>
    public byte Size;
    /// <summary>Second size: compare size of a flags consumer, source size of a conversion.</summary>
    public byte Size2;
    public Cc Cond;
    public FlagsKind Flags;
    /// <summary>Operand index of the first compare operand.</summary>
    public byte FlagsAt;
    public TrapCode Trap;
    /// <summary>Operand index of the address base, or -1.</summary>
    public sbyte Base;
    /// <summary>Operand index of the address index, or -1.</summary>
    public sbyte Index;
    public byte Scale;
    public int Disp;
    public long Imm;
    public int Target;
    public int Target2;
    /// <summary>The IR instruction this came from (for the source map), or -1.</summary>
    public int IrInst;

    public MInst(MOp op, int irInst)
    {
        Op = op;
        Base = -1;
        Index = -1;
        Scale = 1;
        IrInst = irInst;
    }

    /// <summary>The instruction with operand positions for registers (<c>add.32</c>; address and compare registers as <c>%k</c>); see <see cref="X64InstFormatter"/>.</summary>
    public override readonly string ToString()
        => X64InstFormatter.Instance.Format(this, []);
}
