namespace Kiln.IR;

/// <summary>
/// Value types. Narrow (8/16-bit) widths never appear as value types: they live in the opcodes
/// (uload8, istore16, sext8), so every value fits a whole register class.
/// <see cref="IPtr"/> is the host pointer-sized integer; the target fixes its width.
/// <see cref="V128"/> is reserved: the type system, printer and parser accept it, passes ignore it.
/// </summary>
public enum IrType : byte
{
    Invalid,
    I32,
    I64,
    IPtr,
    F32,
    F64,
    V128,
}

/// <summary>Properties of <see cref="IrType"/>, kept as tables indexed by the enum.</summary>
public static class IrTypes
{
    private static readonly string[] Names = ["invalid", "i32", "i64", "iptr", "f32", "f64", "v128"];

    // Width in bits; 0 for iptr because only the target knows it.
    private static readonly byte[] BitsTable = [0, 32, 64, 0, 32, 64, 128];

    public static string Name(this IrType t) => Names[(int)t];

    public static int Bits(this IrType t) => BitsTable[(int)t];

    public static bool IsInt(this IrType t) => t is IrType.I32 or IrType.I64 or IrType.IPtr;

    public static bool IsFloat(this IrType t) => t is IrType.F32 or IrType.F64;

    public static TypeSet AsSet(this IrType t) => (TypeSet)(1 << (int)t);

    public static bool TryParse(ReadOnlySpan<char> s, out IrType t)
    {
        for (int i = 1; i < Names.Length; i++)
        {
            if (s.SequenceEqual(Names[i]))
            {
                t = (IrType)i;
                return true;
            }
        }
        t = IrType.Invalid;
        return false;
    }
}
