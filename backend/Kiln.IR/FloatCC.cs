namespace Kiln.IR;

/// <summary>
/// Float comparison condition codes. Wasm's eq/lt/le/gt/ge are ordered (false on NaN) and wasm's ne is
/// unordered-or-not-equal, which is what <see cref="Ne"/> means here. The rest exist for completeness.
/// </summary>
public enum FloatCC : byte
{
    Eq, Ne, Lt, Le, Gt, Ge, Ord, Uno, Ueq, One, Ult, Ule, Ugt, Uge,
}

/// <summary>Names and evaluation of <see cref="FloatCC"/>, as truth tables over the four IEEE relations.</summary>
public static class FloatCCs
{
    private static readonly string[] Names =
        ["eq", "ne", "lt", "le", "gt", "ge", "ord", "uno", "ueq", "one", "ult", "ule", "ugt", "uge"];

    // Bit 0: true when a < b; bit 1: a == b; bit 2: a > b; bit 3: unordered (a NaN operand).
    private const byte L = 1, E = 2, G = 4, U = 8;

    private static readonly byte[] Truth =
    [
        E, L | G | U, L, L | E, G, G | E, L | E | G, U, E | U, L | G, L | U, L | E | U, G | U, G | E | U,
    ];

    public static string Name(this FloatCC cc) => Names[(int)cc];

    public static bool TryParse(ReadOnlySpan<char> s, out FloatCC cc)
    {
        for (int i = 0; i < Names.Length; i++)
        {
            if (s.SequenceEqual(Names[i]))
            {
                cc = (FloatCC)i;
                return true;
            }
        }
        cc = default;
        return false;
    }

    public static bool Evaluate(this FloatCC cc, double a, double b)
    {
        byte rel = double.IsNaN(a) || double.IsNaN(b) ? U : a < b ? L : a > b ? G : E;
        return (Truth[(int)cc] & rel) != 0;
    }
}
