namespace Kiln.Component.Model;

/// <summary>Primitive value types, numbered by their binary encoding (Binary.md <c>primvaltype</c>);
/// codes count down from SLEB128(-1) so a non-negative SLEB128 is a type index instead.</summary>
public enum PrimValType : byte
{
    Bool = 0x7f,
    S8 = 0x7e,
    U8 = 0x7d,
    S16 = 0x7c,
    U16 = 0x7b,
    S32 = 0x7a,
    U32 = 0x79,
    S64 = 0x78,
    U64 = 0x77,
    F32 = 0x76,
    F64 = 0x75,
    Char = 0x74,
    String = 0x73,
    ErrorContext = 0x64,
}

public static class PrimValTypes
{
    private static readonly string?[] Names = BuildNames();

    private static string?[] BuildNames()
    {
        var n = new string?[256];
        n[0x7f] = "bool"; n[0x7e] = "s8"; n[0x7d] = "u8"; n[0x7c] = "s16"; n[0x7b] = "u16";
        n[0x7a] = "s32"; n[0x79] = "u32"; n[0x78] = "s64"; n[0x77] = "u64"; n[0x76] = "f32";
        n[0x75] = "f64"; n[0x74] = "char"; n[0x73] = "string"; n[0x64] = "error-context";
        return n;
    }

    public static bool IsValid(byte code) => Names[code] is not null;

    /// <summary>The text-format keyword (<c>u32</c>, <c>string</c>, <c>error-context</c>).</summary>
    public static string ToText(this PrimValType t) => Names[(byte)t] ?? $"<primitive 0x{(byte)t:x2}>";

    /// <summary>The primitive named by a text keyword, if any.</summary>
    public static bool TryParse(string keyword, out PrimValType t)
    {
        for (int i = 0; i < Names.Length; i++)
            if (Names[i] == keyword) { t = (PrimValType)i; return true; }
        t = default;
        return false;
    }
}
