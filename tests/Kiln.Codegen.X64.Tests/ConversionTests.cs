namespace Kiln.Codegen.X64.Tests;

/// <summary>Int/float conversions on boundary values (trapping variants only where they do not trap).</summary>
public unsafe class ConversionTests
{
    private static string Cvt(string op, string to, string from) => $$"""
        function %f({{from}}) -> {{to}} {
        block0(v0: {{from}}):
            v1 = {{op}}.{{to}} v0
            return v1
        }
        """;

    private static readonly double[] Values =
    [
        0.0, -0.0, 0.5, -0.5, 0.9999, -0.9999, 1.0, -1.0, 1.5, -1.5, 100.7, -100.7,
        2147483647.0, 2147483647.9, 2147483648.0, -2147483648.0, -2147483648.9, -2147483649.0,
        4294967295.0, 4294967295.5, 4294967296.0, 9223372036854774784.0, 9223372036854775808.0, -9223372036854775808.0,
        -9223372036854777856.0, 18446744073709549568.0, 18446744073709551616.0, 1e300, -1e300,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    ];

    private static long? Trunc(double x, long min, ulong max, bool signed)
    {
        if (double.IsNaN(x)) return null;
        double t = Math.Truncate(x);
        if (signed) return t >= min && t <= (double)(long)max && (t < 9223372036854775808.0) ? (long)t : null;
        return t >= 0 && t <= max && t < 18446744073709551616.0 ? (long)(ulong)t : (t > -1 && t <= 0 ? 0 : null);
    }

    private static long Sat(double x, long min, ulong max, bool signed)
    {
        if (double.IsNaN(x)) return 0;
        double t = Math.Truncate(x);
        if (signed) return t < min ? min : t >= (double)(long)max + 1.0 || t > (double)(long)max ? (long)max : (long)t;
        if (t <= 0) return 0;
        return t >= 18446744073709551616.0 || t > max ? (long)max : (long)(ulong)t;
    }

    [Theory]
    [InlineData("i32", "f64", true)]
    [InlineData("i32", "f32", true)]
    [InlineData("i64", "f64", true)]
    [InlineData("i64", "f32", true)]
    [InlineData("i32", "f64", false)]
    [InlineData("i32", "f32", false)]
    [InlineData("i64", "f64", false)]
    [InlineData("i64", "f32", false)]
    public void FloatToInt(string to, string from, bool signed)
    {
        long min = to == "i32" ? (signed ? int.MinValue : 0) : (signed ? long.MinValue : 0);
        ulong max = to == "i32" ? (signed ? int.MaxValue : uint.MaxValue) : (signed ? long.MaxValue : ulong.MaxValue);
        string s = signed ? "sint" : "uint";
        using var trap = new TestJit(Cvt($"fcvt_to_{s}", to, from));
        using var sat = new TestJit(Cvt($"fcvt_to_{s}_sat", to, from));
        foreach (var v0 in Values)
        {
            double v = from == "f32" ? (float)v0 : v0;
            long expectedSat = Sat(v, min, max, signed);
            long? expectedTrap = Trunc(v, min, max, signed);
            long gotSat, gotTrap = 0;
            if (from == "f64")
            {
                gotSat = to == "i32" ? (uint)((delegate* unmanaged[Cdecl]<double, int>)sat.Entry)(v) : ((delegate* unmanaged[Cdecl]<double, long>)sat.Entry)(v);
                if (expectedTrap is not null)
                    gotTrap = to == "i32" ? (uint)((delegate* unmanaged[Cdecl]<double, int>)trap.Entry)(v) : ((delegate* unmanaged[Cdecl]<double, long>)trap.Entry)(v);
            }
            else
            {
                float f = (float)v;
                gotSat = to == "i32" ? (uint)((delegate* unmanaged[Cdecl]<float, int>)sat.Entry)(f) : ((delegate* unmanaged[Cdecl]<float, long>)sat.Entry)(f);
                if (expectedTrap is not null)
                    gotTrap = to == "i32" ? (uint)((delegate* unmanaged[Cdecl]<float, int>)trap.Entry)(f) : ((delegate* unmanaged[Cdecl]<float, long>)trap.Entry)(f);
            }
            if (to == "i32") expectedSat = (uint)expectedSat;
            Assert.True(expectedSat == gotSat, $"sat {s} {to} <- {from} {v:R}: expected {expectedSat}, got {gotSat}");
            if (expectedTrap is long et)
            {
                if (to == "i32") et = (uint)et;
                Assert.True(et == gotTrap, $"trapping {s} {to} <- {from} {v:R}: expected {et}, got {gotTrap}");
            }
        }
    }

    private static readonly long[] Ints = [0, 1, -1, 2, 3, 1000, -1000, int.MaxValue, int.MinValue, uint.MaxValue, 0x1000001, 0x20000001, long.MaxValue, long.MinValue,
        unchecked((long)0x8000000000000001), unchecked((long)0xFFFFFFFFFFFFFBFF), unchecked((long)0xFFFFFFFFFFFFFC01), 0x7FFFFFFFFFFFFDFF, 0x0020000000000001, unchecked((long)0x8000000000000C01)];

    [Fact]
    public void IntToFloat()
    {
        using var sd32 = new TestJit(Cvt("fcvt_from_sint", "f64", "i32"));
        using var ud32 = new TestJit(Cvt("fcvt_from_uint", "f64", "i32"));
        using var sd64 = new TestJit(Cvt("fcvt_from_sint", "f64", "i64"));
        using var ud64 = new TestJit(Cvt("fcvt_from_uint", "f64", "i64"));
        using var ss32 = new TestJit(Cvt("fcvt_from_sint", "f32", "i32"));
        using var us32 = new TestJit(Cvt("fcvt_from_uint", "f32", "i32"));
        using var ss64 = new TestJit(Cvt("fcvt_from_sint", "f32", "i64"));
        using var us64 = new TestJit(Cvt("fcvt_from_uint", "f32", "i64"));
        foreach (var x in Ints)
        {
            int i = (int)x;
            Assert.Equal((double)i, ((delegate* unmanaged[Cdecl]<int, double>)sd32.Entry)(i));
            Assert.Equal((double)(uint)i, ((delegate* unmanaged[Cdecl]<int, double>)ud32.Entry)(i));
            Assert.Equal((double)x, ((delegate* unmanaged[Cdecl]<long, double>)sd64.Entry)(x));
            Assert.Equal((double)(ulong)x, ((delegate* unmanaged[Cdecl]<long, double>)ud64.Entry)(x));
            Assert.Equal((float)i, ((delegate* unmanaged[Cdecl]<int, float>)ss32.Entry)(i));
            Assert.Equal((float)(uint)i, ((delegate* unmanaged[Cdecl]<int, float>)us32.Entry)(i));
            Assert.Equal((float)x, ((delegate* unmanaged[Cdecl]<long, float>)ss64.Entry)(x));
            Assert.Equal((float)(ulong)x, ((delegate* unmanaged[Cdecl]<long, float>)us64.Entry)(x));
        }
    }
}
