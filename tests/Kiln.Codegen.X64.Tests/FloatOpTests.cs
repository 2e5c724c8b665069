namespace Kiln.Codegen.X64.Tests;

/// <summary>Float arithmetic, wasm min/max/nearest/copysign rules and compares with NaN, executed.</summary>
public unsafe class FloatOpTests
{
    internal static readonly double[] F64 = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.5, 0.49999999999999994, 1e308, -1e308, double.Epsilon, -double.Epsilon,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN, 4503599627370497.0, -4503599627370495.5, 2147483647.5, -2147483648.9, 9.2233720368547758e18, 1.8446744073709552e19];
    internal static readonly float[] F32 = [0f, -0f, 1f, -1f, 0.5f, -0.5f, 1.5f, 2.5f, -2.5f, 3.5f, 0.49999997f, 3e38f, -3e38f, float.Epsilon, -float.Epsilon,
        float.PositiveInfinity, float.NegativeInfinity, float.NaN, 8388609f, -8388607.5f, 2147483648f, -2147483648f, 4294967296f, 9.223372e18f, 1.8446744e19f];

    private static string Bin(string op, string t) => $$"""
        function %f({{t}}, {{t}}) -> {{t}} {
        block0(v0: {{t}}, v1: {{t}}):
            v2 = {{op}}.{{t}} v0, v1
            return v2
        }
        """;

    private static string Un(string op, string t) => $$"""
        function %f({{t}}) -> {{t}} {
        block0(v0: {{t}}):
            v1 = {{op}}.{{t}} v0
            return v1
        }
        """;

    private static double WasmMin(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : a == b ? (double.IsNegative(a) ? a : b) : Math.Min(a, b);
    private static double WasmMax(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : a == b ? (double.IsNegative(a) ? b : a) : Math.Max(a, b);

    private static void Same(double expected, double actual, string what)
    {
        if (double.IsNaN(expected)) Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual}");
        else Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{what}: expected {expected:R}, got {actual:R}");
    }

    private static void Same(float expected, float actual, string what)
    {
        if (float.IsNaN(expected)) Assert.True(float.IsNaN(actual), $"{what}: expected NaN, got {actual}");
        else Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual), $"{what}: expected {expected:R}, got {actual:R}");
    }

    public static TheoryData<string> BinOps => new() { "fadd", "fsub", "fmul", "fdiv", "fmin", "fmax", "fcopysign" };

    private static double Ref(string op, double a, double b) => op switch
    {
        "fadd" => a + b,
        "fsub" => a - b,
        "fmul" => a * b,
        "fdiv" => a / b,
        "fmin" => WasmMin(a, b),
        "fmax" => WasmMax(a, b),
        _ => Math.CopySign(a, b),
    };

    [Theory]
    [MemberData(nameof(BinOps))]
    public void Binary(string op)
    {
        using var d = new TestJit(Bin(op, "f64"));
        using var s = new TestJit(Bin(op, "f32"));
        var fd = (delegate* unmanaged[Cdecl]<double, double, double>)d.Entry;
        var fs = (delegate* unmanaged[Cdecl]<float, float, float>)s.Entry;
        foreach (var a in F64)
            foreach (var b in F64)
                Same(Ref(op, a, b), fd(a, b), $"{op}.f64({a}, {b})");
        foreach (var a in F32)
            foreach (var b in F32)
                Same((float)Ref(op, a, b), fs(a, b), $"{op}.f32({a}, {b})");
    }

    [Theory]
    [InlineData("sqrt")]
    [InlineData("ceil")]
    [InlineData("floor")]
    [InlineData("trunc")]
    [InlineData("nearest")]
    [InlineData("fneg")]
    [InlineData("fabs")]
    public void Unary(string op)
    {
        Func<double, double> r = op switch
        {
            "sqrt" => Math.Sqrt,
            "ceil" => Math.Ceiling,
            "floor" => Math.Floor,
            "trunc" => Math.Truncate,
            "nearest" => x => Math.Round(x, MidpointRounding.ToEven),
            "fneg" => x => -x,
            _ => Math.Abs,
        };
        Func<float, float> rs = op switch
        {
            "sqrt" => MathF.Sqrt,
            "ceil" => MathF.Ceiling,
            "floor" => MathF.Floor,
            "trunc" => MathF.Truncate,
            "nearest" => x => MathF.Round(x, MidpointRounding.ToEven),
            "fneg" => x => -x,
            _ => MathF.Abs,
        };
        using var d = new TestJit(Un(op, "f64"));
        using var s = new TestJit(Un(op, "f32"));
        foreach (var a in F64) Same(r(a), ((delegate* unmanaged[Cdecl]<double, double>)d.Entry)(a), $"{op}.f64({a})");
        foreach (var a in F32) Same(rs(a), ((delegate* unmanaged[Cdecl]<float, float>)s.Entry)(a), $"{op}.f32({a})");
    }

    private static readonly string[] FloatCCNames = ["eq", "ne", "lt", "le", "gt", "ge", "ord", "uno", "ueq", "one", "ult", "ule", "ugt", "uge"];

    [Fact]
    public void CompareSetSelectAndBranch()
    {
        foreach (var cc in FloatCCNames)
        {
            var c = Enum.Parse<Kiln.IR.FloatCC>(cc, ignoreCase: true);
            using var set = new TestJit($$"""
                function %f(f64, f64) -> i32 {
                block0(v0: f64, v1: f64):
                    v2 = fcmp.f64 {{cc}} v0, v1
                    return v2
                }
                """);
            using var sel = new TestJit($$"""
                function %f(f32, f32, i64, i64) -> i64 {
                block0(v0: f32, v1: f32, v2: i64, v3: i64):
                    v4 = fcmp.f32 {{cc}} v0, v1
                    v5 = select.i64 v4, v2, v3
                    return v5
                }
                """);
            using var fsel = new TestJit($$"""
                function %f(f64, f64, f64, f64) -> f64 {
                block0(v0: f64, v1: f64, v2: f64, v3: f64):
                    v4 = fcmp.f64 {{cc}} v0, v1
                    v5 = select.f64 v4, v2, v3
                    return v5
                }
                """);
            using var br = new TestJit($$"""
                function %f(f64, f64) -> i32 {
                block0(v0: f64, v1: f64):
                    v2 = fcmp.f64 {{cc}} v0, v1
                    brif v2, block1, block2
                block1:
                    v3 = iconst.i32 10
                    return v3
                block2:
                    v4 = iconst.i32 20
                    return v4
                }
                """);
            foreach (var a in F64)
                foreach (var b in F64)
                {
                    bool e = Kiln.IR.FloatCCs.Evaluate(c, a, b);
                    string what = $"{cc}({a}, {b})";
                    Assert.True((e ? 1 : 0) == ((delegate* unmanaged[Cdecl]<double, double, int>)set.Entry)(a, b), "set " + what);
                    bool es = Kiln.IR.FloatCCs.Evaluate(c, (float)a, (float)b);
                    Assert.True((es ? 5L : 6L) == ((delegate* unmanaged[Cdecl]<float, float, long, long, long>)sel.Entry)((float)a, (float)b, 5, 6), "select " + what);
                    Assert.True((e ? 1.5 : 2.5) == ((delegate* unmanaged[Cdecl]<double, double, double, double, double>)fsel.Entry)(a, b, 1.5, 2.5), "fselect " + what);
                    Assert.True((e ? 10 : 20) == ((delegate* unmanaged[Cdecl]<double, double, int>)br.Entry)(a, b), "brif " + what);
                }
        }
    }

    [Fact]
    public void PromoteDemoteBitcastConst()
    {
        using var jit = new TestJit("""
            function %f(f32, f64) -> f64 {
            block0(v0: f32, v1: f64):
                v2 = fpromote.f64 v0
                v3 = fdemote.f32 v1
                v4 = fpromote.f64 v3
                v5 = fadd.f64 v2, v4
                v6 = fconst.f64 0.25
                v7 = fadd.f64 v5, v6
                return v7
            }
            """);
        var f = (delegate* unmanaged[Cdecl]<float, double, double>)jit.Entry;
        Assert.Equal(1.5 + (double)(float)2.1 + 0.25, f(1.5f, 2.1));
        using var bc = new TestJit("""
            function %f(f64, f32) -> i64 {
            block0(v0: f64, v1: f32):
                v2 = bitcast.i64 v0
                v3 = bitcast.i32 v1
                v4 = uextend.i64 v3
                v5 = bxor.i64 v2, v4
                v6 = bitcast.f64 v5
                v7 = bitcast.i64 v6
                return v7
            }
            """);
        var g = (delegate* unmanaged[Cdecl]<double, float, long>)bc.Entry;
        Assert.Equal(BitConverter.DoubleToInt64Bits(-2.5) ^ (uint)BitConverter.SingleToInt32Bits(-7.25f), g(-2.5, -7.25f));
    }
}
