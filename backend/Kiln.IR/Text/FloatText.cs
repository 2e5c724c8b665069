using System.Globalization;

namespace Kiln.IR.Text;

/// <summary>
/// Text of float constants: shortest round-trip decimal, <c>inf</c>/<c>-inf</c>, and NaN as
/// <c>nan:0xBITS</c> with the full bit pattern so payload and sign survive a round trip.
/// </summary>
public static class FloatText
{
    public static string Format(IrType type, long bits)
    {
        if (type == IrType.F32)
        {
            float f = BitConverter.Int32BitsToSingle((int)bits);
            if (float.IsNaN(f))
            {
                return $"nan:0x{(uint)bits:x8}";
            }
            return float.IsInfinity(f) ? (f > 0 ? "inf" : "-inf") : Decorate(f.ToString("R", CultureInfo.InvariantCulture));
        }
        double d = BitConverter.Int64BitsToDouble(bits);
        if (double.IsNaN(d))
        {
            return $"nan:0x{(ulong)bits:x16}";
        }
        return double.IsInfinity(d) ? (d > 0 ? "inf" : "-inf") : Decorate(d.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Parses a finite decimal; returns IEEE bits (f32 bits zero-extended).</summary>
    public static bool TryParseDecimal(IrType type, string s, out long bits)
    {
        bits = 0;
        if (type == IrType.F32)
        {
            if (!float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out float f))
            {
                return false;
            }
            bits = (uint)BitConverter.SingleToInt32Bits(f);
            return true;
        }
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            return false;
        }
        bits = BitConverter.DoubleToInt64Bits(d);
        return true;
    }

    public static long Infinity(IrType type, bool negative) => type == IrType.F32
        ? (uint)BitConverter.SingleToInt32Bits(negative ? float.NegativeInfinity : float.PositiveInfinity)
        : BitConverter.DoubleToInt64Bits(negative ? double.NegativeInfinity : double.PositiveInfinity);

    // "1" reads as an integer; print "1.0" so constants look like floats.
    private static string Decorate(string s) => s.Contains('.') || s.Contains('E') ? s : s + ".0";
}
