using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Printing;

namespace Kiln.Wasm.Tests.Printing;

public class ValueTextTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(42, "42")]
    [InlineData(-1, "-1")]
    [InlineData(int.MinValue, "-2147483648")]
    [InlineData(int.MaxValue, "2147483647")]
    public void I32_is_signed_decimal(int v, string expected) => Assert.Equal(expected, ValueText.I32(v));

    [Theory]
    [InlineData(long.MinValue, "-9223372036854775808")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(-1L, "-1")]
    public void I64_is_signed_decimal(long v, string expected) => Assert.Equal(expected, ValueText.I64(v));

    [Theory]
    [InlineData(0x3FC00000u, "1.5")]
    [InlineData(0xBFC00000u, "-1.5")]
    [InlineData(0x00000000u, "0")]
    [InlineData(0x80000000u, "-0")]
    [InlineData(0x3DCCCCCDu, "0.1")]            // from the single: widening would print 0.10000000149011612
    [InlineData(0x3F800000u, "1")]
    [InlineData(0x4B800000u, "16777216")]
    [InlineData(0x7F7FFFFFu, "3.4028235e+38")]  // f32 max
    [InlineData(0x00000001u, "1e-45")]          // smallest subnormal: shortest digits that read back
    [InlineData(0x007FFFFFu, "1.1754942e-38")]  // largest subnormal
    [InlineData(0x00800000u, "1.1754944e-38")]  // smallest normal
    [InlineData(0x7F800000u, "inf")]
    [InlineData(0xFF800000u, "-inf")]
    [InlineData(0x7FC00000u, "nan")]
    [InlineData(0xFFC00000u, "-nan")]
    [InlineData(0x7FA00000u, "nan:0x200000")]
    [InlineData(0x7F800001u, "nan:0x1")]
    [InlineData(0xFFE00000u, "-nan:0x600000")]
    [InlineData(0x358637BDu, "0.000001")]       // 1e-6 still plain
    [InlineData(0x33D6BF95u, "1e-7")]           // 1e-7 switches to exponent form
    [InlineData(0x60AD78ECu, "100000000000000000000")]
    [InlineData(0x6258D727u, "1e+21")]
    public void F32_decimal(uint bits, string expected) => Assert.Equal(expected, ValueText.F32Bits(bits));

    [Fact]
    public void F32_from_value_matches_bits()
    {
        Assert.Equal("0.1", ValueText.F32(0.1f));
        Assert.Equal("-1.5", ValueText.F32(-1.5f));
        // A quiet NaN survives a trip through a float value; a signalling one need not (the JIT may quiet a
        // folded constant), which is why callers holding raw bits use F32Bits.
        Assert.Equal("nan:0x600000", ValueText.F32(BitConverter.UInt32BitsToSingle(0x7FE00000)));
        Assert.Equal("nan:0x200000", ValueText.F32Bits(0x7FA00000));
    }

    [Theory]
    [InlineData(0x3FF8000000000000ul, "1.5")]
    [InlineData(0x8000000000000000ul, "-0")]
    [InlineData(0x3FB999999999999Aul, "0.1")]
    [InlineData(0x0000000000000001ul, "5e-324")]
    [InlineData(0x000FFFFFFFFFFFFFul, "2.225073858507201e-308")]
    [InlineData(0x7FEFFFFFFFFFFFFFul, "1.7976931348623157e+308")]
    [InlineData(0x4415AF1D78B58C40ul, "100000000000000000000")] // 1e20: plain up to 21 digits
    [InlineData(0x444B1AE4D6E2EF50ul, "1e+21")]
    [InlineData(0x7FF0000000000000ul, "inf")]
    [InlineData(0xFFF0000000000000ul, "-inf")]
    [InlineData(0x7FF8000000000000ul, "nan")]
    [InlineData(0xFFF8000000000000ul, "-nan")]
    [InlineData(0x7FF4000000000000ul, "nan:0x4000000000000")]
    [InlineData(0x7FF0000000000001ul, "nan:0x1")]
    [InlineData(0x4340000000000000ul, "9007199254740992")]
    [InlineData(0xC0C81C8000000000ul, "-12345")]
    [InlineData(0x3F50624DD2F1A9FCul, "0.001")]
    public void F64_decimal(ulong bits, string expected) => Assert.Equal(expected, ValueText.F64Bits(bits));

    [Theory]
    [InlineData(0x40400000u, "0x1.8p+1")]
    [InlineData(0x3F800000u, "0x1p+0")]
    [InlineData(0x00000000u, "0x0p+0")]
    [InlineData(0x80000000u, "-0x0p+0")]
    [InlineData(0x00000001u, "0x1p-149")]
    [InlineData(0x00400000u, "0x1p-127")]
    [InlineData(0x007FFFFFu, "0x1.fffffcp-127")]
    [InlineData(0x7F7FFFFFu, "0x1.fffffep+127")]
    [InlineData(0x3DCCCCCDu, "0x1.99999ap-4")]
    [InlineData(0xFF800000u, "-inf")]
    [InlineData(0x7FA00000u, "nan:0x200000")]
    public void F32_hex(uint bits, string expected) => Assert.Equal(expected, ValueText.F32Hex(bits));

    [Theory]
    [InlineData(0x4008000000000000ul, "0x1.8p+1")]
    [InlineData(0x0000000000000001ul, "0x1p-1074")]
    [InlineData(0x0008000000000000ul, "0x1p-1023")]
    [InlineData(0x7FEFFFFFFFFFFFFFul, "0x1.fffffffffffffp+1023")]
    [InlineData(0x3FB999999999999Aul, "0x1.999999999999ap-4")]
    [InlineData(0xBFF0000000000000ul, "-0x1p+0")]
    [InlineData(0xFFF8000000000001ul, "-nan:0x8000000000001")]
    public void F64_hex(ulong bits, string expected) => Assert.Equal(expected, ValueText.F64Hex(bits));

    [Fact]
    public void Decimal_floats_read_back_bit_exactly()
    {
        // Walk a spread of bit patterns (normals, subnormals, both signs) through the shortest form.
        var rng = new Random(1234);
        for (int i = 0; i < 20000; i++)
        {
            uint b32 = (uint)rng.NextInt64(0, 1L << 32);
            if ((b32 & 0x7F800000) == 0x7F800000) continue;
            string s = ValueText.F32Bits(b32);
            float back = float.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(b32, BitConverter.SingleToUInt32Bits(back));

            ulong b64 = (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63);
            if ((b64 & 0x7FF0000000000000) == 0x7FF0000000000000) continue;
            string d = ValueText.F64Bits(b64);
            double backD = double.Parse(d, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(b64, BitConverter.DoubleToUInt64Bits(backD));
        }
    }

    [Fact]
    public void V128_is_four_i32_lanes()
    {
        Assert.Equal("i32x4 0x00000001 0x00000002 0x00000003 0xffffffff",
            ValueText.V128(0x0000000200000001ul, 0xFFFFFFFF00000003ul));
        byte[] bytes = [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff];
        Assert.Equal("i32x4 0x00000001 0x00000002 0x00000003 0xffffffff", ValueText.V128(bytes));
        Assert.Throws<ArgumentException>(() => ValueText.V128(new byte[15]));
    }

    [Fact]
    public void References()
    {
        Assert.Equal("ref.null func", ValueText.RefNull(ValType.FuncRef));
        Assert.Equal("ref.null extern", ValueText.RefNull(ValType.ExternRef));
        Assert.Equal("ref.extern 3", ValueText.ExternRef(3));
        Assert.Equal("ref.func 7", ValueText.FuncRef(7));
        Assert.Throws<ArgumentException>(() => ValueText.RefNull(ValType.I32));
    }
}
