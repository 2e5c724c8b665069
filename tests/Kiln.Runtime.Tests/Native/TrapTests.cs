using System.Runtime.CompilerServices;
using Kiln.Runtime.Native;

namespace Kiln.Runtime.Tests.Native;

/// <summary>Faults in registered code come back from kilnrt_call as trap values.</summary>
public sealed unsafe class TrapTests
{
    [Fact]
    public void InitializeIsIdempotentAndVersionMatches()
    {
        NativeRuntime.Initialize();
        NativeRuntime.Initialize();
        Assert.Equal(NativeRuntime.AbiVersion, NativeRuntime.kilnrt_abi_version());
        Assert.Equal(32, sizeof(TrapInfo));
    }

    [X64Fact]
    public void NormalReturn()
    {
        int result = 0;
        Assert.Equal(TrapKind.None, NativeRuntime.Call(TestCode.At(TestCode.Ret42), 0, (nint)(&result), out var trap));
        Assert.Equal(42, result);
        Assert.Equal(TrapKind.None, trap.Kind);
        Assert.Equal(0u, NativeRuntime.EntryDepth);
    }

    [X64Fact]
    public void LoadFromUnmappedMemoryIsSegvTrap()
    {
        nint address = TestCode.Unmapped + 24;
        var kind = NativeRuntime.Call(TestCode.At(TestCode.Load), 0, address, out var trap);
        Assert.Equal(TrapKind.Signal, kind);
        Assert.Equal(TrapKind.Signal, trap.Kind);
        Assert.Equal(TrapInfo.SIGSEGV, trap.Signal);
        Assert.Equal((ulong)TestCode.At(TestCode.Load), trap.Pc);
        Assert.Equal((ulong)address, trap.FaultAddress);
        Assert.Equal(0u, trap.Code);
    }

    [X64Fact]
    public void Ud2IsSigillTrap()
    {
        var kind = NativeRuntime.Call(TestCode.At(TestCode.Ud2), 0, 0, out var trap);
        Assert.Equal(TrapKind.Signal, kind);
        Assert.Equal(TrapInfo.SIGILL, trap.Signal);
        Assert.Equal((ulong)TestCode.At(TestCode.Ud2), trap.Pc);
    }

    [X64Fact]
    public void DivisionByZeroIsSigfpeTrap()
    {
        var kind = NativeRuntime.Call(TestCode.At(TestCode.Idiv), 7, 0, out var trap);
        Assert.Equal(TrapKind.Signal, kind);
        Assert.Equal(TrapInfo.SIGFPE, trap.Signal);
        Assert.Equal((ulong)(TestCode.At(TestCode.Idiv) + TestCode.IdivInstruction), trap.Pc);
    }

    [X64Fact]
    public void FunctionPointerEntryTrapsToo()
    {
        NativeRuntime.Initialize();
        TrapInfo trap;
        int kind = NativeRuntime.CallPointer(TestCode.At(TestCode.Ud2), 0, 0, &trap);
        Assert.Equal((int)TrapKind.Signal, kind);
        Assert.Equal(TrapInfo.SIGILL, trap.Signal);
    }

    [X64Fact]
    public void HostFailureRaisesTrapCodeThroughTrampoline()
    {
        var args = TestCode.NewArgs(&TestCode.FailingHost);
        TestCode.LastHostException = null;
        var kind = NativeRuntime.Call(TestCode.At(TestCode.Trampoline), 0, (nint)(&args), out var trap);
        Assert.Equal(TrapKind.Raised, kind);
        Assert.Equal(99u, trap.Code);
        Assert.Equal(0, trap.Signal);
        Assert.True(NativeRuntime.IsInRegisteredCode((nint)trap.Pc)); // the call in the trampoline
        Assert.IsType<InvalidOperationException>(TestCode.LastHostException);

        args = TestCode.NewArgs(&TestCode.OkHost);
        Assert.Equal(TrapKind.None, NativeRuntime.Call(TestCode.At(TestCode.Trampoline), 0, (nint)(&args), out _));
    }

    [X64Fact]
    public void NestedEntryUnwindsToInnermost()
    {
        for (int i = 0; i < 20; i++)
        {
            var args = TestCode.NewArgs(&TestCode.NestedHost);
            args.Unmapped = TestCode.Unmapped;
            var kind = NativeRuntime.Call(TestCode.At(TestCode.CallHostUd2), 0, (nint)(&args), out var trap);

            Assert.Equal(0, args.Failed);
            // Inside the host: one entry active; the inner fault landed in the inner entry.
            Assert.Equal(1u, args.DepthInHost);
            Assert.Equal(TrapKind.Signal, args.InnerKind);
            Assert.Equal(TrapInfo.SIGSEGV, args.InnerTrap.Signal);
            Assert.Equal((ulong)TestCode.At(TestCode.Load), args.InnerTrap.Pc);
            Assert.Equal(1u, args.DepthAfterInner);
            Assert.Equal(42, args.InnerRet42);
            // Then the outer function went on to its own ud2, which traps to the outer entry.
            Assert.Equal(TrapKind.Signal, kind);
            Assert.Equal(TrapInfo.SIGILL, trap.Signal);
            Assert.Equal((ulong)(TestCode.At(TestCode.CallHostUd2) + TestCode.CallHostUd2Instruction), trap.Pc);
            Assert.Equal(0u, NativeRuntime.EntryDepth);
        }
    }

    [X64Fact]
    public void TwoThreadsTrapConcurrently()
    {
        const int iterations = 500;
        using var start = new Barrier(2);
        var errors = new List<string>();
        void Body(int salt)
        {
            start.SignalAndWait();
            for (int i = 0; i < iterations; i++)
            {
                int divisor = 0;
                var kind = NativeRuntime.Call(TestCode.At(TestCode.Idiv), salt + i, divisor, out var trap);
                if (kind != TrapKind.Signal || trap.Signal != TrapInfo.SIGFPE)
                    lock (errors) errors.Add($"idiv {i}: {kind} {trap}");
                nint address = TestCode.Unmapped + (i % 512) * 8;
                kind = NativeRuntime.Call(TestCode.At(TestCode.Load), 0, address, out trap);
                if (kind != TrapKind.Signal || trap.FaultAddress != (ulong)address)
                    lock (errors) errors.Add($"load {i}: {kind} {trap}");
                int result = 0;
                kind = NativeRuntime.Call(TestCode.At(TestCode.Ret42), 0, (nint)(&result), out _);
                if (kind != TrapKind.None || result != 42)
                    lock (errors) errors.Add($"ret {i}: {kind} {result}");
                if (i % 50 == 0 && ReadFieldThrows() is false)
                    lock (errors) errors.Add($"NullReferenceException not caught on iteration {i}");
            }
        }
        var threads = new[] { new Thread(() => Body(0)), new Thread(() => Body(1000)) };
        foreach (var t in threads)
            t.Start();
        foreach (var t in threads)
            t.Join();
        Assert.Empty(errors);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool ReadFieldThrows()
    {
        try
        {
            ChainingTests.ReadField(null);
            return false;
        }
        catch (NullReferenceException)
        {
            return true;
        }
    }
}
