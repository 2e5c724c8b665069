using Kiln.Runtime.Wasi;

namespace Kiln.Runtime.Tests.Wasi;

public sealed class WasiEnvironmentTests
{
    private sealed class FixedClocks : IWasiClocks
    {
        public bool TryGetTime(WasiClockId id, out ulong nanoseconds)
        {
            nanoseconds = id == WasiClockId.Realtime ? 1_700_000_000_000_000_000UL : 42;
            return id <= WasiClockId.Monotonic;
        }

        public bool TryGetResolution(WasiClockId id, out ulong nanoseconds)
        {
            nanoseconds = 1000;
            return id <= WasiClockId.Monotonic;
        }
    }

    [Fact]
    public void ArgsAreNulTerminatedStringsWithPointers()
    {
        using var h = new WasiHarness(c => c.WithArgs("prog", "héllo", ""));
        uint count = h.Alloc(4), size = h.Alloc(4);
        Assert.Equal(WasiErrno.Success, h.Call("args_sizes_get", count, size));
        Assert.Equal(3u, h.U32(count));
        Assert.Equal(5u + 7u + 1u, h.U32(size));
        uint argv = h.Alloc(12), buf = h.Alloc(13);
        Assert.Equal(WasiErrno.Success, h.Call("args_get", argv, buf));
        Assert.Equal(buf, h.U32(argv));
        Assert.Equal("prog\0héllo\0\0", h.ReadString(buf, 13));
        Assert.Equal(buf + 5, h.U32(argv + 4));
        Assert.Equal(buf + 12, h.U32(argv + 8));
    }

    [Fact]
    public void EnvironmentIsNameEqualsValue()
    {
        using var h = new WasiHarness(c => c.WithEnv("A", "1").WithEnv("PATH", "/bin"));
        uint count = h.Alloc(4), size = h.Alloc(4);
        Assert.Equal(WasiErrno.Success, h.Call("environ_sizes_get", count, size));
        Assert.Equal(2u, h.U32(count));
        Assert.Equal(14u, h.U32(size));
        uint env = h.Alloc(8), buf = h.Alloc(14);
        Assert.Equal(WasiErrno.Success, h.Call("environ_get", env, buf));
        Assert.Equal("A=1\0PATH=/bin\0", h.ReadString(buf, 14));
        Assert.Equal(buf + 4, h.U32(env + 4));
    }

    [Fact]
    public void NothingIsInheritedByDefault()
    {
        using var h = new WasiHarness();
        uint count = h.Alloc(4), size = h.Alloc(4);
        Assert.Equal(WasiErrno.Success, h.Call("environ_sizes_get", count, size));
        Assert.Equal(0u, h.U32(count));
        Assert.Equal(WasiErrno.Success, h.Call("args_sizes_get", count, size));
        Assert.Equal(0u, h.U32(count));
    }

    [Fact]
    public void ClocksComeFromTheConfiguredSource()
    {
        using var h = new WasiHarness(c => c.Clocks = new FixedClocks());
        uint t = h.Alloc(8);
        Assert.Equal(WasiErrno.Success, h.Call("clock_time_get", 0, 1L, t));
        Assert.Equal(1_700_000_000_000_000_000UL, h.U64(t));
        Assert.Equal(WasiErrno.Success, h.Call("clock_time_get", 1, 1L, t));
        Assert.Equal(42UL, h.U64(t));
        Assert.Equal(WasiErrno.Success, h.Call("clock_res_get", 1, t));
        Assert.Equal(1000UL, h.U64(t));
        Assert.Equal(WasiErrno.Inval, h.Call("clock_time_get", 2, 1L, t));
        Assert.Equal(WasiErrno.Inval, h.Call("clock_res_get", 9, t));
    }

    [Fact]
    public void SystemClocksTick()
    {
        using var h = new WasiHarness();
        uint a = h.Alloc(8), b = h.Alloc(8);
        Assert.Equal(WasiErrno.Success, h.Call("clock_time_get", 1, 0L, a));
        Assert.Equal(WasiErrno.Success, h.Call("clock_time_get", 1, 0L, b));
        Assert.True(h.U64(b) >= h.U64(a));
        Assert.Equal(WasiErrno.Success, h.Call("clock_time_get", 0, 0L, a));
        var now = (ulong)(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
        Assert.InRange(h.U64(a), now - 10_000_000_000, now + 10_000_000_000);
        for (int id = 0; id < 4; id++)
        {
            Assert.Equal(WasiErrno.Success, h.Call("clock_res_get", id, a));
            Assert.InRange(h.U64(a), 1UL, 1_000_000_000UL);
        }
        Assert.Equal(WasiErrno.Inval, h.Call("clock_time_get", 4, 0L, a));
    }

    [Fact]
    public void RandomComesFromTheConfiguredSource()
    {
        using var h = new WasiHarness(c => c.Random = span => span.Fill(0xAB));
        uint buf = h.Alloc(16);
        Assert.Equal(WasiErrno.Success, h.Call("random_get", buf, 16));
        var bytes = new byte[16];
        h.Memory.Read(buf, bytes);
        Assert.All(bytes, b => Assert.Equal(0xAB, b));
    }

    [Fact]
    public void DefaultRandomFillsTheBuffer()
    {
        using var h = new WasiHarness();
        uint buf = h.Alloc(64);
        Assert.Equal(WasiErrno.Success, h.Call("random_get", buf, 64));
        var bytes = new byte[64];
        h.Memory.Read(buf, bytes);
        Assert.Contains(bytes, b => b != 0);
    }

    [Fact]
    public void ProcExitThrowsItsCodeAndTheEmbedderFindsItInATrap()
    {
        using var h = new WasiHarness();
        var e = Assert.Throws<WasiExitException>(() => h.Call("proc_exit", 7));
        Assert.Equal(7, e.ExitCode);
        var trap = new Trap(TrapCode.HostError, e);
        Assert.True(WasiExitException.TryGetExitCode(trap, out int code));
        Assert.Equal(7, code);
        Assert.False(WasiExitException.TryGetExitCode(new Trap(TrapCode.Unreachable), out _));
    }

    [Fact]
    public void ProcRaiseIsNotSupportedAndSchedYieldSucceeds()
    {
        using var h = new WasiHarness();
        Assert.Equal(WasiErrno.NotSup, h.Call("proc_raise", 9));
        Assert.Equal(WasiErrno.Success, h.Call("sched_yield"));
    }

    [Fact]
    public void PreopenSpecsParse()
    {
        Assert.Equal(new WasiPreopen("/a", "/b"), WasiPreopen.Parse("/a::/b"));
        Assert.Equal(new WasiPreopen("/a", "/a"), WasiPreopen.Parse("/a"));
        Assert.Equal(new WasiPreopen(".", "."), WasiPreopen.Parse("."));
        Assert.Throws<FormatException>(() => WasiPreopen.Parse("::/b"));
    }

    [Fact]
    public void AMissingPreopenIsRefusedWhenLinking()
    {
        var linker = new Linker(new Engine());
        var config = new WasiConfiguration().Preopen("/nonexistent/kiln", "/x");
        Assert.Throws<DirectoryNotFoundException>(() => Kiln.Runtime.Wasi.Wasi.AddToLinker(linker, config));
    }
}
