using Kiln.IR.Passes;

namespace Kiln.IR.Tests;

public class ConstantFoldingTests
{
    private static string Unary(string type, string resultType, string op, string literal) => $$"""
        function %t() -> {{resultType}} {
        block0:
            v0 = {{(type.StartsWith('f') ? "fconst" : "iconst")}}.{{type}} {{literal}}
            v1 = {{op}}.{{resultType}} v0
            return v1
        }

        """;

    private static string Binary(string type, string op, string a, string b) => $$"""
        function %t() -> {{type}} {
        block0:
            v0 = {{(type.StartsWith('f') ? "fconst" : "iconst")}}.{{type}} {{a}}
            v1 = {{(type.StartsWith('f') ? "fconst" : "iconst")}}.{{type}} {{b}}
            v2 = {{op}}.{{type}} v0, v1
            return v2
        }

        """;

    private static string BinaryFolded(string type, string a, string b, string r) => $$"""
        function %t() -> {{type}} {
        block0:
            v0 = {{(type.StartsWith('f') ? "fconst" : "iconst")}}.{{type}} {{a}}
            v1 = {{(type.StartsWith('f') ? "fconst" : "iconst")}}.{{type}} {{b}}
            v2 = {{(type.StartsWith('f') ? "fconst" : "iconst")}}.{{type}} {{r}}
            return v2
        }

        """;

    [Theory]
    [InlineData("i32", "iadd", "2147483647", "1", "-2147483648")]
    [InlineData("i32", "isub", "0", "1", "-1")]
    [InlineData("i32", "imul", "65536", "65536", "0")]
    [InlineData("i64", "imul", "4294967296", "4294967296", "0")]
    [InlineData("i32", "sdiv", "-7", "2", "-3")]
    [InlineData("i32", "udiv", "-1", "2", "2147483647")]
    [InlineData("i32", "srem", "-7", "2", "-1")]
    [InlineData("i32", "srem", "-2147483648", "-1", "0")]
    [InlineData("i64", "srem", "-9223372036854775808", "-1", "0")]
    [InlineData("i32", "urem", "-1", "10", "5")]
    [InlineData("i32", "ishl", "1", "33", "2")]
    [InlineData("i64", "ishl", "1", "65", "2")]
    [InlineData("i32", "sshr", "-8", "33", "-4")]
    [InlineData("i32", "ushr", "-8", "1", "2147483644")]
    [InlineData("i64", "ushr", "-1", "64", "-1")]
    [InlineData("i32", "rotl", "-2147483648", "1", "1")]
    [InlineData("i32", "rotr", "1", "1", "-2147483648")]
    [InlineData("i64", "rotl", "1", "-1", "-9223372036854775808")]
    [InlineData("i32", "band", "12", "10", "8")]
    [InlineData("i32", "bor", "12", "10", "14")]
    [InlineData("i32", "bxor", "12", "10", "6")]
    public void IntegerBinary(string type, string op, string a, string b, string r)
    {
        IrAssert.PassProduces(new ConstantFolding(), Binary(type, op, a, b), BinaryFolded(type, a, b, r));
    }

    [Theory]
    [InlineData("i32", "sdiv", "1", "0")]
    [InlineData("i32", "sdiv", "-2147483648", "-1")]
    [InlineData("i64", "sdiv", "-9223372036854775808", "-1")]
    [InlineData("i32", "udiv", "1", "0")]
    [InlineData("i32", "srem", "1", "0")]
    [InlineData("i64", "urem", "1", "0")]
    public void TrappingDivisionIsNotFolded(string type, string op, string a, string b)
    {
        var text = Binary(type, op, a, b);
        IrAssert.PassProduces(new ConstantFolding(), text, text, expectChange: false);
    }

    [Theory]
    [InlineData("i32", "i32", "clz", "1", "31")]
    [InlineData("i32", "i32", "clz", "0", "32")]
    [InlineData("i64", "i64", "ctz", "0", "64")]
    [InlineData("i64", "i64", "ctz", "-9223372036854775808", "63")]
    [InlineData("i32", "i32", "popcnt", "-1", "32")]
    [InlineData("i32", "i32", "eqz", "0", "1")]
    [InlineData("i32", "i64", "uextend", "-1", "4294967295")]
    [InlineData("i32", "i64", "sextend", "-1", "-1")]
    [InlineData("i64", "i32", "ireduce", "4294967297", "1")]
    [InlineData("i32", "i32", "sext8", "128", "-128")]
    [InlineData("i64", "i64", "sext16", "65535", "-1")]
    [InlineData("i64", "i64", "sext32", "2147483648", "-2147483648")]
    public void IntegerUnary(string from, string to, string op, string a, string r)
    {
        var expected = $$"""
            function %t() -> {{to}} {
            block0:
                v0 = iconst.{{from}} {{a}}
                v1 = iconst.{{to}} {{r}}
                return v1
            }

            """;
        IrAssert.PassProduces(new ConstantFolding(), Unary(from, to, op, a), expected);
    }

    [Theory]
    [InlineData("f64", "f64", "fneg", "nan:0x7ff8000000000000", "fconst.f64 nan:0xfff8000000000000")]
    [InlineData("f32", "f32", "fabs", "nan:0xffc00001", "fconst.f32 nan:0x7fc00001")]
    [InlineData("f64", "f64", "sqrt", "2.25", "fconst.f64 1.5")]
    [InlineData("f64", "f64", "ceil", "-0.5", "fconst.f64 -0.0")]
    [InlineData("f32", "f32", "floor", "-0.5", "fconst.f32 -1.0")]
    [InlineData("f64", "f64", "trunc", "-2.7", "fconst.f64 -2.0")]
    [InlineData("f64", "f64", "nearest", "2.5", "fconst.f64 2.0")]
    [InlineData("f64", "f64", "nearest", "-0.5", "fconst.f64 -0.0")]
    [InlineData("f32", "f32", "nearest", "3.5", "fconst.f32 4.0")]
    [InlineData("f32", "f64", "fpromote", "0.1", "fconst.f64 0.10000000149011612")]
    [InlineData("f64", "f32", "fdemote", "0.1", "fconst.f32 0.1")]
    [InlineData("f32", "i32", "bitcast", "1.0", "iconst.i32 1065353216")]
    [InlineData("i32", "f32", "bitcast", "-1082130432", "fconst.f32 -1.0")]
    [InlineData("f64", "i32", "fcvt_to_sint", "-2147483648.9", "iconst.i32 -2147483648")]
    [InlineData("f64", "i32", "fcvt_to_uint", "-0.9", "iconst.i32 0")]
    [InlineData("f64", "i32", "fcvt_to_uint", "4294967295.5", "iconst.i32 -1")]
    [InlineData("f32", "i32", "fcvt_to_sint_sat", "nan:0x7fc00000", "iconst.i32 0")]
    [InlineData("f64", "i32", "fcvt_to_sint_sat", "1E+100", "iconst.i32 2147483647")]
    [InlineData("f64", "i64", "fcvt_to_uint_sat", "-inf", "iconst.i64 0")]
    [InlineData("f64", "i64", "fcvt_to_uint_sat", "1E+30", "iconst.i64 -1")]
    [InlineData("i32", "f32", "fcvt_from_sint", "16777217", "fconst.f32 16777216.0")]
    [InlineData("i32", "f64", "fcvt_from_uint", "-1", "fconst.f64 4294967295.0")]
    [InlineData("i64", "f32", "fcvt_from_uint", "-1", "fconst.f32 1.8446744E+19")]
    [InlineData("i64", "f64", "fcvt_from_uint", "-9223372036854774783", "fconst.f64 9.223372036854778E+18")]
    public void FloatUnaryAndConversions(string from, string to, string op, string a, string folded)
    {
        var expected = $$"""
            function %t() -> {{to}} {
            block0:
                v0 = {{(from.StartsWith('f') ? "fconst" : "iconst")}}.{{from}} {{a}}
                v1 = {{folded}}
                return v1
            }

            """;
        IrAssert.PassProduces(new ConstantFolding(), Unary(from, to, op, a), expected);
    }

    [Theory]
    [InlineData("f64", "i32", "fcvt_to_sint", "nan:0x7ff8000000000000")]
    [InlineData("f64", "i32", "fcvt_to_sint", "2147483648.0")]
    [InlineData("f32", "i64", "fcvt_to_uint", "-1.0")]
    [InlineData("f64", "f64", "sqrt", "-1.0")]
    [InlineData("f64", "f64", "ceil", "nan:0x7ff8000000000001")]
    [InlineData("f32", "f64", "fpromote", "nan:0x7fa00000")]
    public void TrappingOrNanProducingConversionsAreNotFolded(string from, string to, string op, string a)
    {
        var text = Unary(from, to, op, a);
        IrAssert.PassProduces(new ConstantFolding(), text, text, expectChange: false);
    }

    [Theory]
    [InlineData("f64", "fadd", "0.1", "0.2", "0.30000000000000004")]
    [InlineData("f32", "fadd", "0.1", "0.2", "0.3")]
    [InlineData("f32", "fmul", "16777216.0", "1.0000001", "16777218.0")]
    [InlineData("f64", "fdiv", "1.0", "0.0", "inf")]
    [InlineData("f64", "fmin", "0.0", "-0.0", "-0.0")]
    [InlineData("f64", "fmax", "-0.0", "0.0", "0.0")]
    [InlineData("f32", "fmin", "-inf", "3.0", "-inf")]
    [InlineData("f64", "fcopysign", "nan:0x7ff8000000000001", "-1.0", "nan:0xfff8000000000001")]
    public void FloatBinary(string type, string op, string a, string b, string r)
    {
        IrAssert.PassProduces(new ConstantFolding(), Binary(type, op, a, b), BinaryFolded(type, a, b, r));
    }

    [Theory]
    [InlineData("f64", "fadd", "nan:0x7ff8000000000000", "1.0")]
    [InlineData("f64", "fsub", "inf", "inf")]
    [InlineData("f32", "fmin", "nan:0x7fc00000", "1.0")]
    [InlineData("f64", "fdiv", "0.0", "0.0")]
    public void FloatNanIsNotFolded(string type, string op, string a, string b)
    {
        var text = Binary(type, op, a, b);
        IrAssert.PassProduces(new ConstantFolding(), text, text, expectChange: false);
    }

    [Fact]
    public void ComparisonsSelectAndChains()
    {
        IrAssert.PassProduces(new ConstantFolding(), """
            function %t(i64, i64) -> i64, i32, i32 {
            block0(v0: i64, v1: i64):
                v2 = iconst.i32 -1
                v3 = iconst.i32 1
                v4 = icmp.i32 ult v3, v2
                v5 = select.i64 v4, v0, v1
                v6 = iadd.i32 v4, v3
                v7 = imul.i32 v6, v6
                v8 = fconst.f64 nan:0x7ff8000000000000
                v9 = fcmp.f64 ne v8, v8
                v10 = fcmp.f64 eq v8, v8
                v11 = bor.i32 v9, v10
                return v5, v7, v11
            }
            """, """
            function %t(i64, i64) -> i64, i32, i32 {
            block0(v0: i64, v1: i64):
                v2 = iconst.i32 -1
                v3 = iconst.i32 1
                v4 = iconst.i32 1
                v6 = iconst.i32 2
                v7 = iconst.i32 4
                v8 = fconst.f64 nan:0x7ff8000000000000
                v9 = iconst.i32 1
                v10 = iconst.i32 0
                v11 = iconst.i32 1
                return v0, v7, v11
            }

            """);
    }

    [Fact]
    public void IptrIsNotFolded()
    {
        var text = """
            function %t() -> iptr {
            block0:
                v0 = iconst.iptr 8
                v1 = iadd.iptr v0, v0
                return v1
            }

            """;
        IrAssert.PassProduces(new ConstantFolding(), text, text, expectChange: false);
    }

    [Fact]
    public void ConstantTraps()
    {
        IrAssert.PassProduces(new ConstantFolding(), """
            function %t(i32) -> i32 {
            block0(v0: i32):
                v1 = iconst.i32 0
                trapnz v1, integer_overflow
                brif v0, block1, block2
            block1:
                trapz v1, integer_division_by_zero
                v2 = iadd.i32 v0, v0
                return v2
            block2:
                return v0
            }
            """, """
            function %t(i32) -> i32 {
            block0(v0: i32):
                v1 = iconst.i32 0
                brif v0, block1, block2
            block1:
                trap integer_division_by_zero
            block2:
                return v0
            }

            """);
    }
}
