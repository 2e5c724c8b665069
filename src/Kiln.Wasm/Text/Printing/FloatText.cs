using System.Globalization;
using System.Text;

namespace Kiln.Wasm.Text.Printing;

/// <summary>
/// Float formatting shared by <see cref="ValueText"/> and the WAT printer, always from the bit pattern so
/// NaN payloads and signed zeros survive. Both forms are valid WAT float literals.
/// </summary>
internal static class FloatText
{
    private const uint F32QuietBit = 0x0040_0000;
    private const ulong F64QuietBit = 0x0008_0000_0000_0000;

    /// <summary>Shortest round-trip decimal of a single (see <see cref="ValueText.F32Bits"/>).</summary>
    public static string DecimalF32(uint bits)
    {
        if (SpecialF32(bits) is { } special) return special;
        float v = BitConverter.UInt32BitsToSingle(bits);
        // .NET's "R" for float is the shortest string that round-trips to the same single, computed
        // on the single itself (not on a widened double), which is exactly what we want.
        return Reformat(v.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Shortest round-trip decimal of a double.</summary>
    public static string DecimalF64(ulong bits)
    {
        if (SpecialF64(bits) is { } special) return special;
        double v = BitConverter.UInt64BitsToDouble(bits);
        return Reformat(v.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Hexadecimal float, normalized (<c>0x1.8p+1</c>, subnormals too: <c>0x1p-149</c>), as wasm2wat prints.</summary>
    public static string HexF32(uint bits)
    {
        if (SpecialF32(bits) is { } special) return special;
        bool neg = (bits >> 31) != 0;
        int exp = (int)((bits >> 23) & 0xFF);
        ulong mant = bits & 0x7F_FFFF;
        // Put the 23 fraction bits at the top of a 52-bit field so one routine prints both widths.
        return Hex(neg, exp, mant << 29, exp == 0 ? -126 : exp - 127);
    }

    public static string HexF64(ulong bits)
    {
        if (SpecialF64(bits) is { } special) return special;
        bool neg = (bits >> 63) != 0;
        int exp = (int)((bits >> 52) & 0x7FF);
        ulong mant = bits & 0x000F_FFFF_FFFF_FFFF;
        return Hex(neg, exp, mant, exp == 0 ? -1022 : exp - 1023);
    }

    // Infinity and NaN read the same in both forms; zero is handled by the callers' formats.
    private static string? SpecialF32(uint bits)
    {
        if ((bits & 0x7F80_0000) != 0x7F80_0000) return null;
        string sign = (bits >> 31) != 0 ? "-" : "";
        uint payload = bits & 0x7F_FFFF;
        if (payload == 0) return sign + "inf";
        return payload == F32QuietBit ? sign + "nan" : $"{sign}nan:0x{payload:x}";
    }

    private static string? SpecialF64(ulong bits)
    {
        if ((bits & 0x7FF0_0000_0000_0000) != 0x7FF0_0000_0000_0000) return null;
        string sign = (bits >> 63) != 0 ? "-" : "";
        ulong payload = bits & 0x000F_FFFF_FFFF_FFFF;
        if (payload == 0) return sign + "inf";
        return payload == F64QuietBit ? sign + "nan" : $"{sign}nan:0x{payload:x}";
    }

    // mant52: fraction bits aligned to 52 bits; biasedExp == 0 means zero or subnormal.
    private static string Hex(bool neg, int biasedExp, ulong mant52, int exp)
    {
        string sign = neg ? "-" : "";
        if (biasedExp == 0)
        {
            if (mant52 == 0) return sign + "0x0p+0";
            // Normalize the subnormal: shift until the implicit bit position (bit 52) is set.
            while ((mant52 & (1UL << 52)) == 0)
            {
                mant52 <<= 1;
                exp--;
            }
            mant52 &= (1UL << 52) - 1;
        }
        var sb = new StringBuilder(24);
        sb.Append(sign).Append("0x1");
        if (mant52 != 0)
        {
            string frac = mant52.ToString("x13", CultureInfo.InvariantCulture).TrimEnd('0');
            sb.Append('.').Append(frac);
        }
        sb.Append('p').Append(exp >= 0 ? "+" : "").Append(exp.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>
    /// Rewrites .NET's round-trip string (<c>1.5</c>, <c>1E-05</c>, <c>-3.4028235E+38</c>) in the
    /// JavaScript Number-to-string layout: plain decimal for exponents in [-7, 21), else <c>d.ddde±x</c>.
    /// </summary>
    private static string Reformat(string s)
    {
        bool neg = s[0] == '-';
        int i = neg ? 1 : 0;
        int e = s.IndexOfAny(['E', 'e']);
        string mantissa = e < 0 ? s[i..] : s[i..e];
        int exp10 = e < 0 ? 0 : int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        // digits d1 d2 ... dk with value 0.d1d2...dk × 10^point
        int dot = mantissa.IndexOf('.');
        string intPart = dot < 0 ? mantissa : mantissa[..dot];
        string fracPart = dot < 0 ? "" : mantissa[(dot + 1)..];
        string all = intPart + fracPart;
        int point = intPart.Length + exp10;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') { lead++; point--; }
        string digits = all[lead..].TrimEnd('0');
        if (digits.Length == 0) return neg ? "-0" : "0";

        var sb = new StringBuilder(32);
        if (neg) sb.Append('-');
        int k = digits.Length;
        int n = point;
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
            int x = n - 1;
            sb.Append('e').Append(x >= 0 ? '+' : '-').Append(Math.Abs(x).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
