namespace Kiln.IR;

/// <summary>A set of <see cref="IrType"/>s as a bit mask, used by the opcode table to constrain types.</summary>
[Flags]
public enum TypeSet : ushort
{
    None = 0,
    I32 = 1 << IrType.I32,
    I64 = 1 << IrType.I64,
    IPtr = 1 << IrType.IPtr,
    F32 = 1 << IrType.F32,
    F64 = 1 << IrType.F64,
    V128 = 1 << IrType.V128,

    /// <summary>Operands of this kind must have exactly the instruction's controlling type.</summary>
    SameAsCtrl = 1 << 15,

    Int = I32 | I64 | IPtr,
    Float = F32 | F64,
    Any = Int | Float | V128,
}
