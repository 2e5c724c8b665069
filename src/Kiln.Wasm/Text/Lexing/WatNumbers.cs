using System.Numerics;

namespace Kiln.Wasm.Text.Lexing;

/// <summary>
/// Numeric literals of the text format: integers (decimal or hex, <c>_</c> separators, signed or
/// unsigned range) and floats (decimal or hex, <c>inf</c>, <c>nan</c>, <c>nan:0x…</c>). Floats are
/// rounded exactly once, to nearest-even, straight to the target width (f32 is never parsed via
/// double, which would round twice).
/// </summary>
public static class WatNumbers
{
    /// <summary>An <c>iN</c> literal: unsigned up to 2^N-1 or negative down to -2^(N-1); the result is
    /// the two's-complement bit pattern truncated to <paramref name="bits"/>.</summary>
    public static NumberStatus ParseInt(string text, int bits, out ulong value)
    {
        value = 0;
        int i = 0;
        bool neg = false;
        if (text.Length > 0 && (text[0] == '+' || text[0] == '-'))
        {
            neg = text[0] == '-';
            i = 1;
        }
        var st = ScanInteger(text, i, out ulong mag, out bool overflow);
        if (st != NumberStatus.Ok) return st;
        ulong max = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        if (overflow) return NumberStatus.OutOfRange;
        if (neg)
        {
            if (mag > 1UL << (bits - 1)) return NumberStatus.OutOfRange;
            value = (0 - mag) & max;
        }
        else
        {
            if (mag > max) return NumberStatus.OutOfRange;
            value = mag;
        }
        return NumberStatus.Ok;
    }

    /// <summary>A <c>uN</c> literal: no sign allowed.</summary>
    public static NumberStatus ParseUnsigned(string text, int bits, out ulong value)
    {
        value = 0;
        if (text.Length == 0 || text[0] is '+' or '-') return NumberStatus.Malformed;
        var st = ScanInteger(text, 0, out ulong mag, out bool overflow);
        if (st != NumberStatus.Ok) return st;
        if (overflow || (bits < 64 && mag > (1UL << bits) - 1)) return NumberStatus.OutOfRange;
        value = mag;
        return NumberStatus.Ok;
    }

    public static NumberStatus ParseF32(string text, out uint bits)
    {
        var st = ParseFloat(text, 24, -126, 127, out ulong b);
        bits = (uint)b;
        return st;
    }

    public static NumberStatus ParseF64(string text, out ulong bits) => ParseFloat(text, 53, -1022, 1023, out bits);

    // Reads digits of a whole integer literal starting at i (decimal or 0x hex) to the end of text.
    private static NumberStatus ScanInteger(string s, int i, out ulong value, out bool overflow)
    {
        value = 0;
        overflow = false;
        bool hex = false;
        if (i + 1 < s.Length && s[i] == '0' && s[i + 1] == 'x')
        {
            hex = true;
            i += 2;
        }
        int b = hex ? 16 : 10;
        bool lastWasDigit = false;
        bool any = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '_')
            {
                if (!lastWasDigit) return NumberStatus.Malformed;
                lastWasDigit = false;
                continue;
            }
            int d = hex ? WatLexer.HexValue(c) : c is >= '0' and <= '9' ? c - '0' : -1;
            if (d < 0) return NumberStatus.Malformed;
            if (value > (ulong.MaxValue - (ulong)d) / (ulong)b) overflow = true;
            value = unchecked(value * (ulong)b + (ulong)d);
            lastWasDigit = true;
            any = true;
        }
        if (!any || !lastWasDigit) return NumberStatus.Malformed;
        return NumberStatus.Ok;
    }

    /// <summary>Scans digit (_? digit)* from i, appending digits to <paramref name="digits"/>. Returns the
    /// number of digits read, or -1 when underscores are misplaced.</summary>
    private static int ScanDigits(string s, ref int i, bool hex, List<char> digits)
    {
        int count = 0;
        bool lastWasDigit = false;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '_')
            {
                if (!lastWasDigit) return -1;
                lastWasDigit = false;
                i++;
                continue;
            }
            bool isDigit = hex ? WatLexer.HexValue(c) >= 0 : c is >= '0' and <= '9';
            if (!isDigit) break;
            digits.Add(c);
            count++;
            lastWasDigit = true;
            i++;
        }
        if (count > 0 && !lastWasDigit) return -1;
        return count;
    }

    private static NumberStatus ParseFloat(string s, int p, int emin, int emax, out ulong bits)
    {
        bits = 0;
        int width = p == 24 ? 32 : 64;
        int fracBits = p - 1;
        ulong signBit = 1UL << (width - 1);
        ulong expMask = ((1UL << (width - 1 - fracBits)) - 1) << fracBits;
        int i = 0;
        ulong sign = 0;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            if (s[0] == '-') sign = signBit;
            i = 1;
        }
        var rest = s.AsSpan(i);
        if (rest.SequenceEqual("inf"))
        {
            bits = sign | expMask;
            return NumberStatus.Ok;
        }
        if (rest.SequenceEqual("nan"))
        {
            bits = sign | expMask | (1UL << (fracBits - 1));
            return NumberStatus.Ok;
        }
        if (rest.StartsWith("nan:0x"))
        {
            int j = i + 6;
            var st = ScanInteger("0x" + s[j..], 0, out ulong payload, out bool overflow);
            if (st != NumberStatus.Ok) return st;
            if (overflow || payload == 0 || payload >= 1UL << fracBits) return NumberStatus.OutOfRange;
            bits = sign | expMask | payload;
            return NumberStatus.Ok;
        }

        bool hex = rest.StartsWith("0x");
        if (hex) i += 2;
        var digits = new List<char>(32);
        int intCount = ScanDigits(s, ref i, hex, digits);
        if (intCount <= 0) return NumberStatus.Malformed;
        int fracCount = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            fracCount = ScanDigits(s, ref i, hex, digits);
            if (fracCount < 0) return NumberStatus.Malformed;
        }
        long exp = 0;
        if (i < s.Length && (hex ? s[i] is 'p' or 'P' : s[i] is 'e' or 'E'))
        {
            i++;
            bool expNeg = false;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                expNeg = s[i] == '-';
                i++;
            }
            var expDigits = new List<char>(8);
            if (ScanDigits(s, ref i, false, expDigits) <= 0) return NumberStatus.Malformed;
            foreach (char c in expDigits) exp = Math.Min(exp * 10 + (c - '0'), 1_000_000_000);
            if (expNeg) exp = -exp;
        }
        if (i != s.Length) return NumberStatus.Malformed;

        // Significand as an integer; the fraction digits move into the exponent.
        int firstNonZero = 0;
        while (firstNonZero < digits.Count && digits[firstNonZero] == '0') firstNonZero++;
        if (firstNonZero == digits.Count)
        {
            bits = sign;
            return NumberStatus.Ok;
        }
        var mant = ParseBig(digits, firstNonZero, hex);
        int sigDigits = digits.Count - firstNonZero;
        BigInteger num, den;
        if (hex)
        {
            long e2 = exp - 4L * fracCount;
            long mag = (long)mant.GetBitLength() + e2; // value lies in [2^(mag-1), 2^mag)
            if (mag > emax + 2) return NumberStatus.OutOfRange;
            if (mag < emin - p - 2) { bits = sign; return NumberStatus.Ok; }
            if (e2 >= 0) { num = mant << (int)e2; den = BigInteger.One; }
            else { num = mant; den = BigInteger.One << (int)-e2; }
        }
        else
        {
            long e10 = exp - fracCount;
            long mag = sigDigits + e10; // value lies in [10^(mag-1), 10^mag)
            if (mag > 400) return NumberStatus.OutOfRange;
            if (mag < -400) { bits = sign; return NumberStatus.Ok; }
            if (e10 >= 0) { num = mant * BigInteger.Pow(10, (int)e10); den = BigInteger.One; }
            else { num = mant; den = BigInteger.Pow(10, (int)-e10); }
        }
        if (!RoundToBinary(num, den, p, emin, emax, out ulong magnitude)) return NumberStatus.OutOfRange;
        bits = sign | magnitude;
        return NumberStatus.Ok;
    }

    private static BigInteger ParseBig(List<char> digits, int from, bool hex)
    {
        var r = BigInteger.Zero;
        ulong chunk = 0;
        int inChunk = 0;
        int b = hex ? 16 : 10;
        int chunkSize = hex ? 15 : 18;
        ulong chunkScale = 1;
        for (int k = from; k < digits.Count; k++)
        {
            chunk = chunk * (ulong)b + (ulong)WatLexer.HexValue(digits[k]);
            chunkScale *= (ulong)b;
            if (++inChunk == chunkSize)
            {
                r = r * chunkScale + chunk;
                chunk = 0;
                chunkScale = 1;
                inChunk = 0;
            }
        }
        if (inChunk > 0) r = r * chunkScale + chunk;
        return r;
    }

    /// <summary>
    /// Rounds the positive rational num/den to the nearest binary float with <paramref name="p"/> significand
    /// bits (ties to even), returning the encoding without sign; false when it rounds beyond the largest finite.
    /// </summary>
    internal static bool RoundToBinary(BigInteger num, BigInteger den, int p, int emin, int emax, out ulong bits)
    {
        bits = 0;
        // e = floor(log2(num/den))
        long e = (long)num.GetBitLength() - (long)den.GetBitLength();
        if (Compare(num, den, e) < 0) e--;
        long q = Math.Max(e - (p - 1), emin - (p - 1)); // exponent of the last significand bit
        BigInteger n2 = num, d2 = den;
        if (q >= 0) d2 <<= (int)q;
        else n2 <<= (int)-q;
        var s = BigInteger.DivRem(n2, d2, out var rem);
        int c = (rem << 1).CompareTo(d2);
        if (c > 0 || (c == 0 && !s.IsEven)) s += 1;
        if (s.GetBitLength() > p)
        {
            s >>= 1; // rounding carried into a new bit: exactly 2^p, so the shift is exact
            q++;
        }
        int fracBits = p - 1;
        var sig = (ulong)s;
        if (sig < 1UL << fracBits)
        {
            bits = sig; // subnormal (or zero)
            return true;
        }
        long unbiased = q + fracBits;
        if (unbiased > emax) return false;
        ulong biased = (ulong)(unbiased - emin + 1);
        bits = (biased << fracBits) | (sig - (1UL << fracBits));
        return true;
    }

    // Compares num with den * 2^e.
    private static int Compare(BigInteger num, BigInteger den, long e) =>
        e >= 0 ? num.CompareTo(den << (int)e) : (num << (int)-e).CompareTo(den);
}
