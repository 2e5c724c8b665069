using System.Numerics;

namespace Kiln.Codegen.X64.Tests;

/// <summary>Every integer op, executed on edge values against C#'s own (wasm) semantics, register and immediate forms.</summary>
public unsafe class IntOpTests
{
    internal static readonly int[] I32 = [0, 1, -1, 2, -2, 3, 7, 31, 32, 33, 63, 64, 100, -100, 0x7fffffff, int.MinValue, int.MinValue + 1, 0x12345678, unchecked((int)0x87654321), 0xff, 0x8000, 0x10000];
    internal static readonly long[] I64 = [0, 1, -1, 2, -2, 3, 7, 31, 32, 63, 64, 65, 100, -100, long.MaxValue, long.MinValue, long.MinValue + 1, int.MaxValue, int.MinValue, uint.MaxValue, 0x123456789abcdef0, unchecked((long)0xfedcba9876543210), 0x100000000];

    private static string Bin(string op, string t) => $$"""
        function %f({{t}}, {{t}}) -> {{t}} {
        block0(v0: {{t}}, v1: {{t}}):
            v2 = {{op}}.{{t}} v0, v1
            return v2
        }
        """;

    private static string BinImm(string op, string t, long imm) => $$"""
        function %f({{t}}) -> {{t}} {
        block0(v0: {{t}}):
            v1 = iconst.{{t}} {{imm}}
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

    public static TheoryData<string> BinOps => new() { "iadd", "isub", "imul", "band", "bor", "bxor", "ishl", "sshr", "ushr", "rotl", "rotr", "udiv", "sdiv", "urem", "srem" };

    private static int? Ref32(string op, int a, int b) => op switch
    {
        "iadd" => a + b,
        "isub" => a - b,
        "imul" => a * b,
        "band" => a & b,
        "bor" => a | b,
        "bxor" => a ^ b,
        "ishl" => a << (b & 31),
        "sshr" => a >> (b & 31),
        "ushr" => (int)((uint)a >> (b & 31)),
        "rotl" => (int)BitOperations.RotateLeft((uint)a, b & 31),
        "rotr" => (int)BitOperations.RotateRight((uint)a, b & 31),
        "udiv" => b == 0 ? null : (int)((uint)a / (uint)b),
        "urem" => b == 0 ? null : (int)((uint)a % (uint)b),
        "sdiv" => b == 0 || (a == int.MinValue && b == -1) ? null : a / b,
        "srem" => b == 0 ? null : b == -1 ? 0 : a % b,
        _ => throw new ArgumentException(op),
    };

    private static long? Ref64(string op, long a, long b) => op switch
    {
        "iadd" => a + b,
        "isub" => a - b,
        "imul" => a * b,
        "band" => a & b,
        "bor" => a | b,
        "bxor" => a ^ b,
        "ishl" => a << (int)(b & 63),
        "sshr" => a >> (int)(b & 63),
        "ushr" => (long)((ulong)a >> (int)(b & 63)),
        "rotl" => (long)BitOperations.RotateLeft((ulong)a, (int)(b & 63)),
        "rotr" => (long)BitOperations.RotateRight((ulong)a, (int)(b & 63)),
        "udiv" => b == 0 ? null : (long)((ulong)a / (ulong)b),
        "urem" => b == 0 ? null : (long)((ulong)a % (ulong)b),
        "sdiv" => b == 0 || (a == long.MinValue && b == -1) ? null : a / b,
        "srem" => b == 0 ? null : b == -1 ? 0 : a % b,
        _ => throw new ArgumentException(op),
    };

    [Theory]
    [MemberData(nameof(BinOps))]
    public void Binary32(string op)
    {
        using var jit = new TestJit(Bin(op, "i32"));
        var f = (delegate* unmanaged[Cdecl]<int, int, int>)jit.Entry;
        foreach (var a in I32)
            foreach (var b in I32)
                if (Ref32(op, a, b) is int r) Assert.True(r == f(a, b), $"{op}({a}, {b}) = {f(a, b)}, expected {r}");
    }

    [Theory]
    [MemberData(nameof(BinOps))]
    public void Binary64(string op)
    {
        using var jit = new TestJit(Bin(op, "i64"));
        var f = (delegate* unmanaged[Cdecl]<long, long, long>)jit.Entry;
        foreach (var a in I64)
            foreach (var b in I64)
                if (Ref64(op, a, b) is long r) Assert.True(r == f(a, b), $"{op}({a}, {b}) = {f(a, b)}, expected {r}");
    }

    [Theory]
    [MemberData(nameof(BinOps))]
    public void BinaryImm32(string op)
    {
        foreach (var b in new[] { 1, -1, 3, 7, 31, 32, 33, 100, 0x7fffffff, int.MinValue, 0x12345678 })
        {
            using var jit = new TestJit(BinImm(op, "i32", b));
            var f = (delegate* unmanaged[Cdecl]<int, int>)jit.Entry;
            foreach (var a in I32)
                if (Ref32(op, a, b) is int r) Assert.True(r == f(a), $"{op}({a}, imm {b}) = {f(a)}, expected {r}");
        }
    }

    [Theory]
    [MemberData(nameof(BinOps))]
    public void BinaryImm64(string op)
    {
        foreach (var b in new[] { 1L, -1, 3, 63, 64, 65, 100, int.MaxValue, int.MinValue, long.MinValue, 0x123456789abcdef0 })
        {
            using var jit = new TestJit(BinImm(op, "i64", b));
            var f = (delegate* unmanaged[Cdecl]<long, long>)jit.Entry;
            foreach (var a in I64)
                if (Ref64(op, a, b) is long r) Assert.True(r == f(a), $"{op}({a}, imm {b}) = {f(a)}, expected {r}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BitCounts(bool withLzcntAndBmi1)
    {
        var opts = withLzcntAndBmi1 ? X64Features.Default : X64Features.Baseline;
        using (var clz = new TestJit(Un("clz", "i32"), opts))
        using (var ctz = new TestJit(Un("ctz", "i32"), opts))
        using (var pop = new TestJit(Un("popcnt", "i32"), opts))
        {
            foreach (var a in I32)
            {
                Assert.Equal(BitOperations.LeadingZeroCount((uint)a), ((delegate* unmanaged[Cdecl]<int, int>)clz.Entry)(a));
                Assert.Equal(BitOperations.TrailingZeroCount(a) is var t && a == 0 ? 32 : t, ((delegate* unmanaged[Cdecl]<int, int>)ctz.Entry)(a));
                Assert.Equal(BitOperations.PopCount((uint)a), ((delegate* unmanaged[Cdecl]<int, int>)pop.Entry)(a));
            }
        }
        using (var clz = new TestJit(Un("clz", "i64"), opts))
        using (var ctz = new TestJit(Un("ctz", "i64"), opts))
        using (var pop = new TestJit(Un("popcnt", "i64"), opts))
        {
            foreach (var a in I64)
            {
                Assert.Equal(BitOperations.LeadingZeroCount((ulong)a), ((delegate* unmanaged[Cdecl]<long, long>)clz.Entry)(a));
                Assert.Equal(a == 0 ? 64 : BitOperations.TrailingZeroCount(a), ((delegate* unmanaged[Cdecl]<long, long>)ctz.Entry)(a));
                Assert.Equal(BitOperations.PopCount((ulong)a), ((delegate* unmanaged[Cdecl]<long, long>)pop.Entry)(a));
            }
        }
    }

    [Fact]
    public void ExtensionsAndReduce()
    {
        using var s8 = new TestJit(Un("sext8", "i32"));
        using var s16 = new TestJit(Un("sext16", "i32"));
        using var s8q = new TestJit(Un("sext8", "i64"));
        using var s16q = new TestJit(Un("sext16", "i64"));
        using var s32q = new TestJit(Un("sext32", "i64"));
        using var ext = new TestJit("""
            function %f(i32, i32) -> i64 {
            block0(v0: i32, v1: i32):
                v2 = sextend.i64 v0
                v3 = uextend.i64 v1
                v4 = iadd.i64 v2, v3
                return v4
            }
            """);
        using var red = new TestJit("""
            function %f(i64) -> i64 {
            block0(v0: i64):
                v1 = ireduce.i32 v0
                v2 = uextend.i64 v1
                return v2
            }
            """);
        foreach (var a in I32)
        {
            Assert.Equal((int)(sbyte)a, ((delegate* unmanaged[Cdecl]<int, int>)s8.Entry)(a));
            Assert.Equal((int)(short)a, ((delegate* unmanaged[Cdecl]<int, int>)s16.Entry)(a));
            foreach (var b in I32)
                Assert.Equal((long)a + (uint)b, ((delegate* unmanaged[Cdecl]<int, int, long>)ext.Entry)(a, b));
        }
        foreach (var a in I64)
        {
            Assert.Equal((long)(sbyte)a, ((delegate* unmanaged[Cdecl]<long, long>)s8q.Entry)(a));
            Assert.Equal((long)(short)a, ((delegate* unmanaged[Cdecl]<long, long>)s16q.Entry)(a));
            Assert.Equal((long)(int)a, ((delegate* unmanaged[Cdecl]<long, long>)s32q.Entry)(a));
            Assert.Equal((long)(uint)a, ((delegate* unmanaged[Cdecl]<long, long>)red.Entry)(a));
        }
    }

    private static readonly string[] IntCCs = ["eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"];

    [Fact]
    public void CompareSetAndSelect()
    {
        foreach (var cc in IntCCs)
        {
            var c = Enum.Parse<Kiln.IR.IntCC>(cc, ignoreCase: true);
            using var set = new TestJit($$"""
                function %f(i64, i64) -> i32 {
                block0(v0: i64, v1: i64):
                    v2 = icmp.i64 {{cc}} v0, v1
                    return v2
                }
                """);
            using var sel = new TestJit($$"""
                function %f(i32, i32, i32, i32) -> i32 {
                block0(v0: i32, v1: i32, v2: i32, v3: i32):
                    v4 = icmp.i32 {{cc}} v0, v1
                    v5 = select.i32 v4, v2, v3
                    return v5
                }
                """);
            using var imm = new TestJit($$"""
                function %f(i32) -> i32 {
                block0(v0: i32):
                    v1 = iconst.i32 7
                    v2 = icmp.i32 {{cc}} v1, v0
                    v3 = iconst.i32 100
                    v4 = iconst.i32 200
                    v5 = select.i32 v2, v3, v4
                    return v5
                }
                """);
            foreach (var a in I64)
                foreach (var b in I64)
                    Assert.Equal(Kiln.IR.IntCCs.Evaluate(c, a, b, 64) ? 1 : 0, ((delegate* unmanaged[Cdecl]<long, long, int>)set.Entry)(a, b));
            foreach (var a in I32)
            {
                Assert.Equal(Kiln.IR.IntCCs.Evaluate(c, 7, a, 32) ? 100 : 200, ((delegate* unmanaged[Cdecl]<int, int>)imm.Entry)(a));
                foreach (var b in I32)
                    Assert.Equal(Kiln.IR.IntCCs.Evaluate(c, a, b, 32) ? 11 : 22, ((delegate* unmanaged[Cdecl]<int, int, int, int, int>)sel.Entry)(a, b, 11, 22));
            }
        }
    }

    [Fact]
    public void EqzAndSelectOnValue()
    {
        using var jit = new TestJit("""
            function %f(i64, i64, i64) -> i64 {
            block0(v0: i64, v1: i64, v2: i64):
                v3 = eqz.i64 v0
                v4 = uextend.i64 v3
                v5 = select.i64 v0, v1, v2
                v6 = iadd.i64 v4, v5
                return v6
            }
            """);
        var f = (delegate* unmanaged[Cdecl]<long, long, long, long>)jit.Entry;
        Assert.Equal(1 + 20, f(0, 10, 20));
        Assert.Equal(10, f(5, 10, 20));
        Assert.Equal(10, f(long.MinValue, 10, 20));
    }
}
