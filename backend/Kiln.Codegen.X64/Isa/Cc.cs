namespace Kiln.Codegen.X64;

/// <summary>
/// Condition codes. The first sixteen are x86's own, in encoding order (so <c>jcc</c>/<c>setcc</c>/<c>cmovcc</c>
/// add the value to their base opcode and inverting flips bit 0). <see cref="FEq"/> and <see cref="FNe"/> are the
/// two float conditions that need two flags after ucomis: ordered-and-equal (ZF=1, PF=0) and its inverse.
/// </summary>
public enum Cc : byte
{
    O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G,
    FEq, FNe,
}

public static class Ccs
{
    public static Cc Invert(this Cc cc) => cc switch
    {
        Cc.FEq => Cc.FNe,
        Cc.FNe => Cc.FEq,
        _ => (Cc)((int)cc ^ 1),
    };

    public static bool IsCompound(this Cc cc) => cc >= Cc.FEq;

    private static readonly Cc[] IntTable = [Cc.E, Cc.NE, Cc.L, Cc.LE, Cc.G, Cc.GE, Cc.B, Cc.BE, Cc.A, Cc.AE];

    /// <summary>The x86 condition after <c>cmp a, b</c> that means <c>a cc b</c>.</summary>
    public static Cc FromInt(Kiln.IR.IntCC cc) => IntTable[(int)cc];

    // Per FloatCC: whether to compare (b, a) instead of (a, b), and the condition after ucomis.
    // Unordered sets ZF=PF=CF=1, so "above"/"above or equal" are false on NaN and "below"/"below or equal" true.
    private static readonly (bool Swap, Cc Cc)[] FloatTable =
    [
        (false, Cc.FEq), // eq
        (false, Cc.FNe), // ne (unordered or not equal)
        (true, Cc.A),    // lt: b > a
        (true, Cc.AE),   // le: b >= a
        (false, Cc.A),   // gt
        (false, Cc.AE),  // ge
        (false, Cc.NP),  // ord
        (false, Cc.P),   // uno
        (false, Cc.E),   // ueq: equal or unordered
        (false, Cc.NE),  // one: ZF=0 implies ordered
        (false, Cc.B),   // ult
        (false, Cc.BE),  // ule
        (true, Cc.B),    // ugt: b < a or unordered
        (true, Cc.BE),   // uge
    ];

    public static (bool Swap, Cc Cc) FromFloat(Kiln.IR.FloatCC cc) => FloatTable[(int)cc];
}
