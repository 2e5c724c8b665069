using Kiln.Wasm.Text.Lexing;

namespace Kiln.Wasm.Tests.Text;

public sealed class NumberTests
{
    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("-0", 0UL)]
    [InlineData("+7", 7UL)]
    [InlineData("4294967295", 0xFFFFFFFFUL)]
    [InlineData("-1", 0xFFFFFFFFUL)]
    [InlineData("-2147483648", 0x80000000UL)]
    [InlineData("0xffff_ffff", 0xFFFFFFFFUL)]
    [InlineData("0XfF", ulong.MaxValue)] // uppercase X is not a hex prefix: malformed (ulong.MaxValue marks that)
    [InlineData("1_000_000", 1000000UL)]
    [InlineData("-0x8000_0000", 0x80000000UL)]
    public void I32Literals(string text, ulong expected)
    {
        var st = WatNumbers.ParseInt(text, 32, out ulong v);
        if (expected == ulong.MaxValue)
        {
            Assert.Equal(NumberStatus.Malformed, st);
            return;
        }
        Assert.Equal(NumberStatus.Ok, st);
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("4294967296", NumberStatus.OutOfRange)]
    [InlineData("-2147483649", NumberStatus.OutOfRange)]
    [InlineData("0x1_0000_0000", NumberStatus.OutOfRange)]
    [InlineData("99999999999999999999999", NumberStatus.OutOfRange)]
    [InlineData("1__0", NumberStatus.Malformed)]
    [InlineData("_1", NumberStatus.Malformed)]
    [InlineData("1_", NumberStatus.Malformed)]
    [InlineData("0x", NumberStatus.Malformed)]
    [InlineData("0x_1", NumberStatus.Malformed)]
    [InlineData("+-1", NumberStatus.Malformed)]
    [InlineData("1.0", NumberStatus.Malformed)]
    [InlineData("", NumberStatus.Malformed)]
    public void I32Errors(string text, NumberStatus expected) => Assert.Equal(expected, WatNumbers.ParseInt(text, 32, out _));

    [Theory]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    [InlineData("-9223372036854775808", 0x8000000000000000UL)]
    [InlineData("0x7fff_ffff_ffff_ffff", 0x7FFFFFFFFFFFFFFFUL)]
    [InlineData("-1", ulong.MaxValue)]
    public void I64Literals(string text, ulong expected)
    {
        Assert.Equal(NumberStatus.Ok, WatNumbers.ParseInt(text, 64, out ulong v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("18446744073709551616")]
    [InlineData("-9223372036854775809")]
    [InlineData("0x1_0000_0000_0000_0000")]
    public void I64OutOfRange(string text) => Assert.Equal(NumberStatus.OutOfRange, WatNumbers.ParseInt(text, 64, out _));

    [Fact]
    public void UnsignedRejectsSigns()
    {
        Assert.Equal(NumberStatus.Malformed, WatNumbers.ParseUnsigned("+1", 32, out _));
        Assert.Equal(NumberStatus.Malformed, WatNumbers.ParseUnsigned("-1", 32, out _));
        Assert.Equal(NumberStatus.Ok, WatNumbers.ParseUnsigned("0x10", 32, out ulong v));
        Assert.Equal(16UL, v);
        Assert.Equal(NumberStatus.OutOfRange, WatNumbers.ParseUnsigned("256", 8, out _));
    }

    [Theory]
    [InlineData("0", 0x00000000u)]
    [InlineData("-0", 0x80000000u)]
    [InlineData("-0.0", 0x80000000u)]
    [InlineData("1", 0x3F800000u)]
    [InlineData("1.", 0x3F800000u)]
    [InlineData("1.e0", 0x3F800000u)]
    [InlineData("0.5", 0x3F000000u)]
    [InlineData("1_000.000_1", 0x447A0002u)] // 1000.0001: nearest f32 is 1000 + 2 ulps
    [InlineData("1E3", 0x447A0000u)]
    [InlineData("0x1p127", 0x7F000000u)]
    [InlineData("0x1P-1", 0x3F000000u)]
    [InlineData("0x1.fffffep127", 0x7F7FFFFFu)]
    [InlineData("0x1.fffffefffffffffp127", 0x7F7FFFFFu)] // just below the rounding boundary to infinity
    [InlineData("3.4028235e38", 0x7F7FFFFFu)]
    [InlineData("0x1p-149", 0x00000001u)] // smallest subnormal
    [InlineData("0x1p-150", 0x00000000u)] // exact tie between 0 and the smallest subnormal: even wins
    [InlineData("0x1.000001p-150", 0x00000001u)]
    [InlineData("0x1.8p-149", 0x00000002u)] // tie between 1 and 2 ulps: even (2)
    [InlineData("0x1.fffffcp-127", 0x007FFFFFu)] // largest subnormal
    [InlineData("0x1.fffffep-127", 0x00800000u)] // rounds up into the smallest normal
    [InlineData("1e-50", 0x00000000u)]
    [InlineData("+0x1.00000100000000000p-50", 0x26800000u)] // tie: down to even
    [InlineData("+0x1.00000100000000001p-50", 0x26800001u)] // just above the tie
    [InlineData("+0x1.000001fffffffffffp-50", 0x26800001u)]
    [InlineData("+0x1.00000300000000000p-50", 0x26800002u)] // tie: up to even
    [InlineData("1.000000059604644775390625", 0x3F800000u)] // exactly 1 + 2^-24: tie, to even
    [InlineData("1.000000059604644775390626", 0x3F800001u)] // via double this would round twice and give 1.0
    [InlineData("16777217", 0x4B800000u)] // 2^24 + 1: tie, to even
    [InlineData("16777219", 0x4B800002u)] // 2^24 + 3: tie, to even (up)
    [InlineData("inf", 0x7F800000u)]
    [InlineData("-inf", 0xFF800000u)]
    [InlineData("+inf", 0x7F800000u)]
    [InlineData("nan", 0x7FC00000u)]
    [InlineData("-nan", 0xFFC00000u)]
    [InlineData("nan:0x1", 0x7F800001u)]
    [InlineData("-nan:0x7f_ffff", 0xFFFFFFFFu)]
    [InlineData("nan:0x200000", 0x7FA00000u)]
    public void F32Literals(string text, uint expected)
    {
        Assert.Equal(NumberStatus.Ok, WatNumbers.ParseF32(text, out uint bits));
        Assert.Equal(expected.ToString("x8"), bits.ToString("x8"));
    }

    [Theory]
    [InlineData("0x1p128", NumberStatus.OutOfRange)]
    [InlineData("0x1.ffffffp127", NumberStatus.OutOfRange)] // rounds up to 2^128
    [InlineData("1e39", NumberStatus.OutOfRange)]
    [InlineData("3.4028236e38", NumberStatus.OutOfRange)]
    [InlineData("nan:0x0", NumberStatus.OutOfRange)]
    [InlineData("nan:0x80_0000", NumberStatus.OutOfRange)]
    [InlineData(".5", NumberStatus.Malformed)]
    [InlineData("1._5", NumberStatus.Malformed)]
    [InlineData("1e", NumberStatus.Malformed)]
    [InlineData("1e+", NumberStatus.Malformed)]
    [InlineData("0x1p", NumberStatus.Malformed)]
    [InlineData("0x.8", NumberStatus.Malformed)]
    [InlineData("0x1e", NumberStatus.Ok)] // hex digits, not an exponent
    [InlineData("1p3", NumberStatus.Malformed)]
    [InlineData("infinity", NumberStatus.Malformed)]
    [InlineData("nan:canonical", NumberStatus.Malformed)]
    [InlineData("nan:0x", NumberStatus.Malformed)]
    [InlineData("1__0.0", NumberStatus.Malformed)]
    public void F32Errors(string text, NumberStatus expected) => Assert.Equal(expected, WatNumbers.ParseF32(text, out _));

    [Theory]
    [InlineData("0x1p-1074", 0x0000000000000001UL)]
    [InlineData("0x1p-1075", 0x0000000000000000UL)]
    [InlineData("0x1.8p-1075", 0x0000000000000001UL)]
    [InlineData("4.9406564584124654e-324", 0x0000000000000001UL)]
    [InlineData("2.2250738585072014e-308", 0x0010000000000000UL)]
    [InlineData("1.7976931348623157e308", 0x7FEFFFFFFFFFFFFFUL)]
    [InlineData("0x1.fffffffffffffp1023", 0x7FEFFFFFFFFFFFFFUL)]
    [InlineData("0.1", 0x3FB999999999999AUL)]
    [InlineData("-123.456e-2", 0xBFF3C0C1FC8F3238UL)]
    [InlineData("9007199254740993", 0x4340000000000000UL)] // 2^53 + 1: tie, to even
    [InlineData("nan", 0x7FF8000000000000UL)]
    [InlineData("nan:0x4000000000000", 0x7FF4000000000000UL)]
    [InlineData("-nan:0xf_ffff_ffff_ffff", 0xFFFFFFFFFFFFFFFFUL)]
    [InlineData("-inf", 0xFFF0000000000000UL)]
    [InlineData("0x1.00000000000008p0", 0x3FF0000000000000UL)] // tie, to even
    [InlineData("0x1.00000000000018p0", 0x3FF0000000000002UL)] // tie, to even (up)
    [InlineData("0x1.000000000000080000000001p0", 0x3FF0000000000001UL)]
    public void F64Literals(string text, ulong expected)
    {
        Assert.Equal(NumberStatus.Ok, WatNumbers.ParseF64(text, out ulong bits));
        Assert.Equal(expected.ToString("x16"), bits.ToString("x16"));
    }

    [Theory]
    [InlineData("1e309")]
    [InlineData("1.7976931348623159e308")]
    [InlineData("0x1p1024")]
    [InlineData("0x1.fffffffffffff8p1023")]
    [InlineData("nan:0x10_0000_0000_0000")]
    [InlineData("1e99999999999999999999")]
    public void F64OutOfRange(string text) => Assert.Equal(NumberStatus.OutOfRange, WatNumbers.ParseF64(text, out _));

    [Fact]
    public void HugeNegativeExponentsUnderflowToSignedZero()
    {
        Assert.Equal(NumberStatus.Ok, WatNumbers.ParseF64("-1e-99999999999", out ulong bits));
        Assert.Equal(0x8000000000000000UL, bits);
    }

    [Fact]
    public void LongMantissasRoundCorrectly()
    {
        // 0.333… with 400 digits: compare with the runtime's correctly rounded parse.
        string s = "0." + new string('3', 400);
        Assert.Equal(NumberStatus.Ok, WatNumbers.ParseF64(s, out ulong bits));
        Assert.Equal(BitConverter.DoubleToUInt64Bits(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)), bits);
        Assert.Equal(NumberStatus.Ok, WatNumbers.ParseF32(s, out uint fbits));
        Assert.Equal(BitConverter.SingleToUInt32Bits(float.Parse(s, System.Globalization.CultureInfo.InvariantCulture)), fbits);
    }

    [Fact]
    public void DecimalRoundingAgreesWithTheRuntimeOnManyValues()
    {
        // .NET's parsers are correctly rounded (IEEE); sample many decimal strings around tricky ranges.
        var rng = new Random(1234);
        for (int i = 0; i < 2000; i++)
        {
            string s = $"{rng.Next(1, 999999999)}.{rng.Next(0, 999999999):D9}e{rng.Next(-60, 60)}";
            Assert.Equal(NumberStatus.Ok, WatNumbers.ParseF64(s, out ulong d));
            Assert.Equal(BitConverter.DoubleToUInt64Bits(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)), d);
            float expected = float.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
            var st = WatNumbers.ParseF32(s, out uint f);
            if (float.IsInfinity(expected))
            {
                Assert.Equal(NumberStatus.OutOfRange, st);
                continue;
            }
            Assert.Equal(NumberStatus.Ok, st);
            Assert.Equal(BitConverter.SingleToUInt32Bits(expected), f);
        }
    }
}
