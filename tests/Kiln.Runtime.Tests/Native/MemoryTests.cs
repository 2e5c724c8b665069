using Kiln.Runtime.Native;

namespace Kiln.Runtime.Tests.Native;

[Collection(IsolatedCollection.Name)]
public sealed unsafe class MemoryTests
{
    [Fact]
    public void ReserveCommitDecommit()
    {
        nuint page = NativeRuntime.PageSize;
        using var memory = ReservedMemory.Reserve((nuint)1 << 32); // address space only
        memory.Commit(0, 2 * page);
        var bytes = (byte*)memory.Address;
        bytes[0] = 1;
        bytes[2 * page - 1] = 2;
        memory.Decommit(page, page);
        memory.Commit(page, page);
        Assert.Equal(1, bytes[0]);
        Assert.Equal(0, bytes[2 * page - 1]); // decommitted pages come back zeroed
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Commit((nuint)1 << 32, page));
        Assert.Throws<System.ComponentModel.Win32Exception>(() => memory.Commit(1, page)); // misaligned: EINVAL
    }

    [X64Fact]
    public void AccessPastCommittedPrefixTraps()
    {
        nuint page = NativeRuntime.PageSize;
        using var memory = ReservedMemory.Reserve(16 * page);
        memory.Commit(0, page);
        var kind = NativeRuntime.Call(TestCode.At(TestCode.Load), 0, memory.Address + (nint)page, out var trap);
        Assert.Equal(TrapKind.Signal, kind);
        Assert.Equal((ulong)(memory.Address + (nint)page), trap.FaultAddress);
        Assert.Equal(TrapKind.None, NativeRuntime.Call(TestCode.At(TestCode.Load), 0, memory.Address, out _));
    }

    [Fact]
    public void CodeMemoryLifecycle()
    {
        var code = CodeMemory.Allocate(100);
        nint address = code.Address;
        Assert.Equal(NativeRuntime.PageSize, code.Size);
        code.Write(0, [0xc3]);
        code.MakeExecutable();
        Assert.Throws<InvalidOperationException>(() => code.WritableSpan.Length);
        code.Register();
        Assert.True(NativeRuntime.IsInRegisteredCode(address));
        Assert.True(NativeRuntime.IsInRegisteredCode(address + (nint)code.Size - 1));
        code.Dispose();
        Assert.False(NativeRuntime.IsInRegisteredCode(address));
        Assert.Throws<ObjectDisposedException>(() => code.Address);
    }

    [Fact]
    public void RegisteredRangeEndsWhereItsLengthSays()
    {
        // The byte after a registered range must be outside it. That byte is taken from a second page of our own
        // region, never registered: the page after a one-page region may hold code that tests running in
        // parallel registered, which made this check flaky.
        using var code = CodeMemory.Allocate(2 * NativeRuntime.PageSize);
        nint address = code.Address;
        NativeRuntime.RegisterCode(address, NativeRuntime.PageSize);
        try
        {
            Assert.True(NativeRuntime.IsInRegisteredCode(address + (nint)NativeRuntime.PageSize - 1));
            Assert.False(NativeRuntime.IsInRegisteredCode(address + (nint)NativeRuntime.PageSize));
        }
        finally
        {
            NativeRuntime.UnregisterCode(address);
        }
        Assert.False(NativeRuntime.IsInRegisteredCode(address));
    }

    [X64Fact]
    public void ExecutableCodeRuns()
    {
        using var code = CodeMemory.Allocate(16);
        code.Write(0, [0xc7, 0x06, 0x07, 0x00, 0x00, 0x00, 0xc3]); // mov dword [rsi], 7; ret
        code.MakeExecutable();
        code.Register();
        int result = 0;
        Assert.Equal(TrapKind.None, NativeRuntime.Call(code.Address, 0, (nint)(&result), out _));
        Assert.Equal(7, result);
    }

    [Fact]
    public void OverlappingRegistrationIsRefused()
    {
        using var code = CodeMemory.Allocate(1);
        code.Register();
        var e = Assert.Throws<System.ComponentModel.Win32Exception>(() => NativeRuntime.RegisterCode(code.Address, 1));
        Assert.Contains("kilnrt_register_code", e.Message);
    }

    [Fact]
    public void StackLimitIsBelowTheCurrentFrame()
    {
        int local = 0;
        nuint here = (nuint)(&local);
        nuint limit = NativeRuntime.StackLimit(64 * 1024);
        Assert.True(limit < here);
        Assert.True(here - limit < (nuint)1 << 30);

        nuint onThread = 0;
        var t = new Thread(() => onThread = NativeRuntime.StackLimit(0), 1 << 20);
        t.Start();
        t.Join();
        Assert.NotEqual((nuint)0, onThread);
    }
}
