namespace Kiln.IR;

/// <summary>Integer comparison condition codes.</summary>
public enum IntCC : byte
{
    Eq, Ne, Slt, Sle, Sgt, Sge, Ult, Ule, Ugt, Uge,
}

/// <summary>Names and evaluation of <see cref="IntCC"/>.</summary>
public static class IntCCs
{
    private static readonly string[] Names = ["eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"];

    public static string Name(this IntCC cc) => Names[(int)cc];

    public static bool TryParse(ReadOnlySpan<char> s, out IntCC cc)
    {
        for (int i = 0; i < Names.Length; i++)
        {
            if (s.SequenceEqual(Names[i]))
            {
                cc = (IntCC)i;
                return true;
            }
        }
        cc = default;
        return false;
    }

    /// <summary>Evaluates the condition on operands already sign-extended to 64 bits from their width.</summary>
    public static bool Evaluate(this IntCC cc, long a, long b, int bits)
    {
        ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        ulong ua = (ulong)a & mask, ub = (ulong)b & mask;
        return cc switch
        {
            IntCC.Eq => ua == ub,
            IntCC.Ne => ua != ub,
            IntCC.Slt => a < b,
            IntCC.Sle => a <= b,
            IntCC.Sgt => a > b,
            IntCC.Sge => a >= b,
            IntCC.Ult => ua < ub,
            IntCC.Ule => ua <= ub,
            IntCC.Ugt => ua > ub,
            _ => ua >= ub,
        };
    }

    /// <summary>The condition with operands swapped (a &lt; b == b &gt; a).</summary>
    public static IntCC Swapped(this IntCC cc) => SwappedTable[(int)cc];

    private static readonly IntCC[] SwappedTable =
    [
        IntCC.Eq, IntCC.Ne, IntCC.Sgt, IntCC.Sge, IntCC.Slt, IntCC.Sle, IntCC.Ugt, IntCC.Uge, IntCC.Ult, IntCC.Ule,
    ];
}
