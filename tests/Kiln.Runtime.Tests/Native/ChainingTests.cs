using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Kiln.Runtime.Native;

namespace Kiln.Runtime.Tests.Native;

/// <summary>
/// Faults that are not in wasm code still reach the .NET runtime's own handlers, so ordinary
/// NullReferenceException and DivideByZeroException keep working (before and after traps).
/// </summary>
public sealed unsafe class ChainingTests
{
    public sealed class Box
    {
        public int Value;
    }

    // NoInlining keeps the JIT from proving the null/zero and throwing without a fault: these
    // must reach the runtime through SIGSEGV and SIGFPE.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ReadField(Box? box) => box!.Value;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Divide(int a, int b) => a / b;

    [Fact]
    public void ManagedExceptionsStillWorkAfterInit()
    {
        NativeRuntime.Initialize();
        for (int i = 0; i < 5; i++)
        {
            Assert.Throws<NullReferenceException>(() => ReadField(null));
            Assert.Throws<DivideByZeroException>(() => Divide(i, 0));
        }
        Assert.Equal(3, Divide(9, 3));
        Assert.Equal(5, ReadField(new Box { Value = 5 }));
    }

    [X64Fact]
    public void ManagedExceptionsStillWorkBetweenTraps()
    {
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(TrapKind.Signal, NativeRuntime.Call(TestCode.At(TestCode.Idiv), i, 0, out var trap));
            Assert.Equal(TrapInfo.SIGFPE, trap.Signal);
            Assert.Throws<DivideByZeroException>(() => Divide(i, 0));

            Assert.Equal(TrapKind.Signal, NativeRuntime.Call(TestCode.At(TestCode.Load), 0, TestCode.Unmapped, out trap));
            Assert.Equal(TrapInfo.SIGSEGV, trap.Signal);
            Assert.Throws<NullReferenceException>(() => ReadField(null));

            Assert.Equal(TrapKind.Signal, NativeRuntime.Call(TestCode.At(TestCode.Ud2), 0, 0, out trap));
            Assert.Equal(TrapInfo.SIGILL, trap.Signal);
        }
    }

    [X64Fact]
    public void ManagedExceptionsInsideHostCalledFromWasm()
    {
        var args = TestCode.NewArgs(&CatchingHost);
        Assert.Equal(TrapKind.None, NativeRuntime.Call(TestCode.At(TestCode.Trampoline), 0, (nint)(&args), out _));
        Assert.Equal(2, args.ResultCode);
    }

    // Called from wasm code: the faults happen in managed code on a thread inside kilnrt_call,
    // whose PC is not registered, so they must go to .NET.
    [UnmanagedCallersOnly]
    private static int CatchingHost(nint vmctx, nint args)
    {
        var a = (TestCode.HostArgs*)args;
        try
        {
            ReadField(null);
        }
        catch (NullReferenceException)
        {
            a->ResultCode++;
        }
        try
        {
            Divide(1, 0);
        }
        catch (DivideByZeroException)
        {
            a->ResultCode++;
        }
        return 0;
    }
}
