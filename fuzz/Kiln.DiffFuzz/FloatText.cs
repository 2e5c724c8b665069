using System.Globalization;

namespace Kiln.DiffFuzz;

/// <summary>Float spellings used in events: exact bits with NaNs canonicalized, and C's <c>%f</c> as wabt prints.</summary>
internal static class FloatText
{
    public static string Bits32(uint bits) => float.IsNaN(BitConverter.UInt32BitsToSingle(bits)) ? "bits:nan" : $"bits:{bits:x8}";

    public static string Bits64(ulong bits) => double.IsNaN(BitConverter.UInt64BitsToDouble(bits)) ? "bits:nan" : $"bits:{bits:x16}";

    public static string Printf(double d) =>
        double.IsNaN(d) ? "nan" : double.IsPositiveInfinity(d) ? "inf" : double.IsNegativeInfinity(d) ? "-inf"
        : d.ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>A "bits:HEX" token rendered as wabt would print it; <paramref name="wide"/> says f64.</summary>
    public static string BitsToPrintf(string token, bool wide)
    {
        string hex = token["bits:".Length..];
        if (hex == "nan") return "nan";
        ulong v = ulong.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return Printf(wide ? BitConverter.UInt64BitsToDouble(v) : BitConverter.UInt32BitsToSingle((uint)v));
    }
}
