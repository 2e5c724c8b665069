using Kiln.IR.Text;

namespace Kiln.IR.Tests;

public class TextRoundTripTests
{
    private static void RoundTrip(string text)
    {
        var f = Parser.ParseFunction(text);
        Assert.Equal(text, Printer.Print(f));
        Assert.Empty(Verifier.Verify(f));
    }

    [Fact]
    public void LoopWithBlockParams()
    {
        RoundTrip("""
            function %sum(i32, i32) -> i32 {
            block0(v0: i32, v1: i32):
                v2 = iconst.i32 0
                jump block1(v2, v0)
            block1(v3: i32, v4: i32):
                v5 = iadd.i32 v3, v4
                v6 = iconst.i32 1
                v7 = isub.i32 v4, v6
                brif v7, block1(v5, v7), block2
            block2:
                return v5
            }

            """);
    }

    [Fact]
    public void EveryFormat()
    {
        RoundTrip("""
            function %all(iptr, i32, i64, f32, f64) -> i32, i64 {
                sig0 = (iptr, i32) -> i32
                sig1 = (i32) -> i64, f64
                fn0 = %callee sig0
                fn1 = libcall %memory_grow sig1
            block0(v0: iptr, v1: i32, v2: i64, v3: f32, v4: f64):
                v5 = iconst.i32 -7
                v6 = iconst.i64 9223372036854775807
                v7 = fconst.f32 1.5
                v8 = fconst.f64 -0.0
                v9 = fconst.f64 nan:0x7ff8000000000001
                v10 = fconst.f32 -inf
                v11 = icmp.i32 slt v1, v5
                v12 = fcmp.f64 ne v4, v8
                v13 = select.i64 v11, v2, v6
                v14 = load.iptr notrap v0+16
                v15 = uextend.iptr v1
                v16 = iadd.iptr v14, v15
                v17 = uload8.i32 heap_out_of_bounds v16
                v18 = sload32.i64 heap_out_of_bounds v16-4
                store heap_out_of_bounds v4, v16+8
                istore16 heap_out_of_bounds v1, v16
                v19 = call fn0(v0, v17)
                v20, v21 = call fn1(v19)
                v22 = func_addr.iptr fn0
                v23 = call_indirect sig0, v22(v0, v1)
                v24 = fcvt_to_sint_sat.i32 v3
                v25 = bitcast.i64 v4
                v26 = sext8.i32 v1
                v27 = fcvt_from_uint.f32 v2
                v28 = fdemote.f32 v4
                trapz v1, integer_division_by_zero
                br_table v1, block1(v1), [block1(v5), block2, block1(v23)]
            block1(v30: i32):
                v31 = eqz.i32 v30
                trapnz v31, unreachable
                return v30, v2
            block2:
                trap unreachable
            }

            """);
    }

    [Fact]
    public void V128IsAcceptedAsAType()
    {
        RoundTrip("""
            function %v(iptr) {
            block0(v0: iptr):
                v1 = load.v128 notrap v0
                jump block1(v1)
            block1(v2: v128):
                store notrap v2, v0+16
                return
            }

            """);
    }

    [Fact]
    public void GapsInNumberingSurvive()
    {
        RoundTrip("""
            function %gaps(i64) -> i64 {
            block0(v3: i64):
                jump block7(v3)
            block7(v10: i64):
                v42 = iadd.i64 v10, v10
                return v42
            }

            """);
    }

    [Fact]
    public void CommentsAndSpacingAreIgnored()
    {
        var f = Parser.ParseFunction("function %c() -> i32 { ; comment\nblock0:   v0 = iconst.i32 0x10 ; hex\n return v0 }");
        Assert.Equal("""
            function %c() -> i32 {
            block0:
                v0 = iconst.i32 16
                return v0
            }

            """, Printer.Print(f));
    }

    [Theory]
    [InlineData("f32", "0.1")]
    [InlineData("f32", "3.4028235E+38")]
    [InlineData("f64", "1E-300")]
    [InlineData("f64", "123456789.125")]
    [InlineData("f32", "nan:0xffc00001")]
    public void FloatConstantsRoundTrip(string type, string literal)
    {
        RoundTrip($"function %f() -> {type} {{\nblock0:\n    v0 = fconst.{type} {literal}\n    return v0\n}}\n");
    }

    [Fact]
    public void SeveralFunctions()
    {
        var fs = Parser.ParseFunctions("function %a() {\nblock0:\n    return\n}\nfunction %b() {\nblock0:\n    return\n}\n");
        Assert.Equal(["a", "b"], fs.Select(f => f.Name));
    }
}
