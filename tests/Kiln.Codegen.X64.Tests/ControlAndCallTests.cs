using System.Runtime.InteropServices;

namespace Kiln.Codegen.X64.Tests;

/// <summary>Control flow, calls between generated functions, br_table, stack args/results, memory, register pressure.</summary>
public unsafe class ControlAndCallTests
{
    [Fact]
    public void SumArrayLoop()
    {
        using var jit = new TestJit(GoldenTests.SumLoop);
        var f = (delegate* unmanaged[Cdecl]<int*, int, int>)jit.Entry;
        var data = new int[1000];
        int expected = 0;
        for (int i = 0; i < data.Length; i++) { data[i] = i * 7 - 300; expected += data[i]; }
        fixed (int* p = data)
        {
            Assert.Equal(expected, f(p, data.Length));
            Assert.Equal(0, f(p, 0));
            Assert.Equal(-300, f(p, 1));
        }
    }

    [Fact]
    public void CallsBetweenGeneratedFunctions()
    {
        using var jit = new TestJit("""
            function %main(i64, f64) -> f64 {
                sig0 = (i64, i64) -> i64
                sig1 = (f64) -> f64
                fn0 = %mul sig0
                fn1 = %half sig1
            block0(v0: i64, v1: f64):
                v2 = call fn0(v0, v0)
                v3 = call fn1(v1)
                v4 = fcvt_from_sint.f64 v2
                v5 = fadd.f64 v4, v3
                v6 = call fn0(v2, v0)
                v7 = fcvt_from_sint.f64 v6
                v8 = fadd.f64 v5, v7
                return v8
            }
            function %mul(i64, i64) -> i64 {
            block0(v0: i64, v1: i64):
                v2 = imul.i64 v0, v1
                return v2
            }
            function %half(f64) -> f64 {
            block0(v0: f64):
                v1 = fconst.f64 0.5
                v2 = fmul.f64 v0, v1
                return v2
            }
            """);
        var f = (delegate* unmanaged[Cdecl]<long, double, double>)jit.Entry;
        Assert.Equal(9 + 2.5 + 27, f(3, 5.0));
        Assert.Contains(jit.Compiled[0].Relocations, r => r.Symbol == "mul");
    }

    [Fact]
    public void RecursionAndValuesLiveAcrossCalls()
    {
        using var jit = new TestJit("""
            function %fib(i32) -> i32 {
                sig0 = (i32) -> i32
                fn0 = %fib sig0
            block0(v0: i32):
                v1 = iconst.i32 2
                v2 = icmp.i32 ult v0, v1
                brif v2, block1, block2
            block1:
                return v0
            block2:
                v3 = iconst.i32 1
                v4 = isub.i32 v0, v3
                v5 = call fn0(v4)
                v6 = isub.i32 v4, v3
                v7 = call fn0(v6)
                v8 = iadd.i32 v5, v7
                return v8
            }
            """);
        var f = (delegate* unmanaged[Cdecl]<int, int>)jit.Entry;
        Assert.Equal(6765, f(20));
        Assert.Equal(1, f(1));
    }

    [Fact]
    public void ManyArgsStackArgsAndMultipleResults()
    {
        // 8 int + 10 float params (2 int and 2 float on the stack), 5 results (3 on the stack).
        using var jit = new TestJit("""
            function %main(i64, i64) -> i64, f64 {
                sig0 = (i64, i64, i64, i64, i64, i64, i64, i64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64) -> i64, i64, i64, f64, f64, f64
                fn0 = %many sig0
            block0(v0: i64, v1: i64):
                v2 = fconst.f64 1.0
                v3 = fconst.f64 2.0
                v4 = fconst.f64 3.0
                v5 = fconst.f64 4.0
                v6 = fconst.f64 5.0
                v7 = fconst.f64 6.0
                v8 = fconst.f64 7.0
                v9 = fconst.f64 8.0
                v10 = fconst.f64 9.0
                v11 = fconst.f64 10.0
                v12 = iconst.i64 3
                v13 = iconst.i64 4
                v14 = iconst.i64 5
                v15 = iconst.i64 6
                v16 = iconst.i64 7
                v17 = iconst.i64 8
                v18, v19, v20, v21, v22, v23 = call fn0(v0, v1, v12, v13, v14, v15, v16, v17, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11)
                v24 = iadd.i64 v18, v19
                v25 = iadd.i64 v24, v20
                v26 = fadd.f64 v21, v22
                v27 = fadd.f64 v26, v23
                return v25, v27
            }
            function %many(i64, i64, i64, i64, i64, i64, i64, i64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64) -> i64, i64, i64, f64, f64, f64 {
            block0(v0: i64, v1: i64, v2: i64, v3: i64, v4: i64, v5: i64, v6: i64, v7: i64, v8: f64, v9: f64, v10: f64, v11: f64, v12: f64, v13: f64, v14: f64, v15: f64, v16: f64, v17: f64):
                v18 = imul.i64 v6, v7
                v19 = isub.i64 v0, v1
                v20 = fmul.f64 v16, v17
                v21 = fsub.f64 v8, v15
                return v18, v19, v7, v20, v21, v9
            }
            """);
        // Results: int0 in rax, float0 in xmm0 (the C# caller sees only those two) — check through a struct return? Use main.
        var f = (delegate* unmanaged[Cdecl]<long, long, long>)jit.Entry;
        // v25 = 7*8 + (a-b) + 8
        Assert.Equal(56 + (100 - 1) + 8, f(100, 1));
        var g = (delegate* unmanaged[Cdecl]<long, long, double>)jit.Entry;
        // v27 = 9*10 + (1-8) + 2
        Assert.Equal(90.0 - 7 + 2, g(100, 1));
    }

    [Fact]
    public void BrTable()
    {
        using var jit = new TestJit("""
            function %sw(i32, i32) -> i32 {
            block0(v0: i32, v1: i32):
                br_table v0, block5(v1), [block1, block2(v1), block3, block2(v0), block1]
            block1:
                v2 = iconst.i32 100
                return v2
            block2(v3: i32):
                v4 = iconst.i32 200
                v5 = iadd.i32 v3, v4
                return v5
            block3:
                v6 = iconst.i32 300
                return v6
            block5(v7: i32):
                v8 = iconst.i32 500
                v9 = iadd.i32 v7, v8
                return v9
            }
            """);
        var f = (delegate* unmanaged[Cdecl]<int, int, int>)jit.Entry;
        Assert.Equal(100, f(0, 1));
        Assert.Equal(201, f(1, 1));
        Assert.Equal(300, f(2, 1));
        Assert.Equal(203, f(3, 1));
        Assert.Equal(100, f(4, 1));
        Assert.Equal(501, f(5, 1));
        Assert.Equal(501, f(-1, 1));
        Assert.Equal(501, f(int.MaxValue, 1));
    }

    [Fact]
    public void LoadsAndStoresOfEveryWidth()
    {
        using var jit = new TestJit("""
            function %mem(iptr, i32) -> i64 {
            block0(v0: iptr, v1: i32):
                v2 = uextend.iptr v1
                v3 = iadd.iptr v0, v2
                v4 = sload8.i64 notrap v3
                v5 = uload8.i32 notrap v3+1
                v6 = sload16.i32 notrap v3+2
                v7 = uload16.i64 notrap v3+4
                v8 = sload32.i64 notrap v3+8
                v9 = uload32.i64 notrap v3+12
                v10 = load.i64 notrap v3+16
                v11 = load.f64 notrap v3+24
                v12 = load.f32 notrap v3+32
                istore8 notrap v1, v3+40
                istore16 notrap v5, v3+42
                istore32 notrap v4, v3+44
                store notrap v10, v3+48
                store notrap v11, v3+56
                store notrap v12, v3+64
                v13 = iconst.i32 -2
                istore16 notrap v13, v3+68
                v20 = uextend.i64 v5
                v21 = sextend.i64 v6
                v22 = iadd.i64 v4, v20
                v23 = iadd.i64 v22, v21
                v24 = iadd.i64 v23, v7
                v25 = iadd.i64 v24, v8
                v26 = iadd.i64 v25, v9
                v27 = bxor.i64 v26, v10
                return v27
            }
            """);
        var f = (delegate* unmanaged[Cdecl]<byte*, int, long>)jit.Entry;
        var buf = new byte[128];
        var rnd = new Random(1);
        rnd.NextBytes(buf);
        fixed (byte* p = buf)
        {
            byte* q = p + 4;
            long expected = (sbyte)q[0] + q[1] + *(short*)(q + 2) + *(ushort*)(q + 4) + *(int*)(q + 8) + (long)*(uint*)(q + 12);
            expected ^= *(long*)(q + 16);
            double d = *(double*)(q + 24);
            float s = *(float*)(q + 32);
            long l = *(long*)(q + 16);
            byte b1 = q[1];
            long s8 = (sbyte)q[0];
            Assert.Equal(expected, f(p, 4));
            Assert.Equal(4, q[40]);
            Assert.Equal(b1, *(ushort*)(q + 42));
            Assert.Equal((int)s8, *(int*)(q + 44));
            Assert.Equal(l, *(long*)(q + 48));
            Assert.Equal(BitConverter.DoubleToInt64Bits(d), *(long*)(q + 56));
            Assert.Equal(BitConverter.SingleToInt32Bits(s), *(int*)(q + 64));
            Assert.Equal(0xfffe, *(ushort*)(q + 68));
        }
    }

    [Fact]
    public void RegisterPressureSpills()
    {
        // 20 values live at once across a call: forces callee-saved registers and spill slots.
        var sb = new System.Text.StringBuilder();
        sb.Append("function %p(i64) -> i64 {\n    sig0 = (i64) -> i64\n    fn0 = %id sig0\nblock0(v0: i64):\n");
        for (int i = 1; i <= 20; i++) sb.Append($"    v{i} = imul.i64 v0, v0\n    v{100 + i} = iconst.i64 {i}\n    v{200 + i} = iadd.i64 v{i}, v{100 + i}\n");
        sb.Append("    v300 = call fn0(v0)\n    v301 = iadd.i64 v300, v201\n");
        for (int i = 2; i <= 20; i++) sb.Append($"    v{300 + i} = iadd.i64 v{299 + i}, v{200 + i}\n");
        sb.Append("    return v320\n}\n");
        sb.Append("function %id(i64) -> i64 {\nblock0(v0: i64):\n    return v0\n}\n");
        using var jit = new TestJit(sb.ToString());
        var f = (delegate* unmanaged[Cdecl]<long, long>)jit.Entry;
        long x = 12345;
        Assert.Equal(x + 20 * x * x + 210, f(x));
        Assert.True(jit.Compiled[0].AllocStats.Stores > 0 || jit.Compiled[0].FrameSize > 16);
    }

    [Fact]
    public void IndirectCallAndFuncAddr()
    {
        using var jit = new TestJit("""
            function %main(i32) -> i32 {
                sig0 = (i32) -> i32
                fn0 = %twice sig0
            block0(v0: i32):
                v1 = func_addr.iptr fn0
                v2 = call_indirect sig0, v1(v0)
                v3 = call_indirect sig0, v1(v2)
                return v3
            }
            function %twice(i32) -> i32 {
            block0(v0: i32):
                v1 = iadd.i32 v0, v0
                return v1
            }
            """);
        Assert.Equal(28, ((delegate* unmanaged[Cdecl]<int, int>)jit.Entry)(7));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    private static int HostAdd(int a, int b) => a + b * 10;

    [Fact]
    public void LibCallToHost()
    {
        delegate* unmanaged[Cdecl]<int, int, int> host = &HostAdd;
        using var jit = new TestJit("""
            function %main(i32) -> i64 {
                sig0 = (i32, i32) -> i32
                fn0 = libcall %host_add sig0
            block0(v0: i32):
                v1 = iconst.i32 3
                v2 = call fn0(v0, v1)
                v3 = uextend.i64 v2
                return v3
            }
            """, externals: new Dictionary<string, nint> { ["host_add"] = (nint)host });
        Assert.Equal((long)(uint)(-1 + 30), ((delegate* unmanaged[Cdecl]<int, long>)jit.Entry)(-1));
        Assert.Equal(37L, ((delegate* unmanaged[Cdecl]<int, long>)jit.Entry)(7));
    }

    [Fact]
    public void StackLimitCheckPassesWhenRoomIsLeft()
    {
        using var jit = new TestJit("""
            function %f(iptr, i64) -> i64 {
                stack_limit = param0, load 8
            block0(v0: iptr, v1: i64):
                v2 = iadd.i64 v1, v1
                return v2
            }
            """);
        var ctx = stackalloc long[2];
        ctx[1] = 4096; // far below any real stack pointer
        Assert.Equal(42L, ((delegate* unmanaged[Cdecl]<long*, long, long>)jit.Entry)(ctx, 21));
        Assert.Contains(jit.Compiled[0].TrapSites, t => t.Code == Kiln.IR.TrapCode.StackOverflow);
    }
}
