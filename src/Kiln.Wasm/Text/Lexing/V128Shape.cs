namespace Kiln.Wasm.Text.Lexing;

/// <summary>The lane interpretation written after <c>v128.const</c> (and in script results).</summary>
public enum V128Shape : byte
{
    I8x16,
    I16x8,
    I32x4,
    I64x2,
    F32x4,
    F64x2,
}

public static class V128Shapes
{
    private static readonly string[] Names = ["i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2"];
    private static readonly int[] Lanes = [16, 8, 4, 2, 4, 2];

    public static bool TryParse(string keyword, out V128Shape shape)
    {
        int i = Array.IndexOf(Names, keyword);
        shape = (V128Shape)Math.Max(i, 0);
        return i >= 0;
    }

    public static string ToText(this V128Shape shape) => Names[(int)shape];
    public static int LaneCount(this V128Shape shape) => Lanes[(int)shape];
    public static int LaneBits(this V128Shape shape) => 128 / Lanes[(int)shape];
    public static bool IsFloat(this V128Shape shape) => shape >= V128Shape.F32x4;

    /// <summary>Parses one lane literal of <paramref name="shape"/> into its bit pattern.</summary>
    public static NumberStatus ParseLane(V128Shape shape, string text, out ulong bits)
    {
        switch (shape)
        {
            case V128Shape.F32x4:
                {
                    var st = WatNumbers.ParseF32(text, out uint b);
                    bits = b;
                    return st;
                }
            case V128Shape.F64x2:
                return WatNumbers.ParseF64(text, out bits);
            default:
                return WatNumbers.ParseInt(text, shape.LaneBits(), out bits);
        }
    }

    /// <summary>Places lane <paramref name="lane"/> of width <paramref name="laneBits"/> into a 128-bit value.</summary>
    public static void SetLane(ref ulong low, ref ulong high, int laneBits, int lane, ulong bits)
    {
        int bit = lane * laneBits;
        ulong mask = laneBits == 64 ? ulong.MaxValue : (1UL << laneBits) - 1;
        bits &= mask;
        if (bit < 64) low |= bits << bit;
        else high |= bits << (bit - 64);
    }

    /// <summary>Reads lane <paramref name="lane"/> of width <paramref name="laneBits"/> from a 128-bit value.</summary>
    public static ulong GetLane(ulong low, ulong high, int laneBits, int lane)
    {
        int bit = lane * laneBits;
        ulong mask = laneBits == 64 ? ulong.MaxValue : (1UL << laneBits) - 1;
        return (bit < 64 ? low >> bit : high >> (bit - 64)) & mask;
    }
}
