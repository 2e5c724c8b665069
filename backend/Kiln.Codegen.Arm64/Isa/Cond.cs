using Kiln.IR;

namespace Kiln.Codegen.Arm64;

/// <summary>AArch64 condition codes (their encodings). After <c>fcmp</c>, unordered sets C and V: <see cref="Mi"/>
/// (less than), <see cref="Ls"/> (less or equal), <see cref="Gt"/>, <see cref="Ge"/>, <see cref="Eq"/> are false on NaN.</summary>
public enum Cond : byte
{
    Eq, Ne, Hs, Lo, Mi, Pl, Vs, Vc, Hi, Ls, Ge, Lt, Gt, Le, Al,
}

public static class Conds
{
    /// <summary>The opposite condition (flip the low bit).</summary>
    public static Cond Invert(this Cond c) => (Cond)((int)c ^ 1);

    private static readonly Cond[] IntTable = BuildInt();

    private static Cond[] BuildInt()
    {
        var t = new Cond[16];
        t[(int)IntCC.Eq] = Cond.Eq;
        t[(int)IntCC.Ne] = Cond.Ne;
        t[(int)IntCC.Slt] = Cond.Lt;
        t[(int)IntCC.Sle] = Cond.Le;
        t[(int)IntCC.Sgt] = Cond.Gt;
        t[(int)IntCC.Sge] = Cond.Ge;
        t[(int)IntCC.Ult] = Cond.Lo;
        t[(int)IntCC.Ule] = Cond.Ls;
        t[(int)IntCC.Ugt] = Cond.Hi;
        t[(int)IntCC.Uge] = Cond.Hs;
        return t;
    }

    public static Cond FromInt(IntCC cc) => IntTable[(int)cc];
}
