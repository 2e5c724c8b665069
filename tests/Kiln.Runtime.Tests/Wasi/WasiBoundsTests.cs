using Kiln.Runtime.Wasi;

namespace Kiln.Runtime.Tests.Wasi;

/// <summary>Guest pointers outside the memory trap (out of bounds memory access), and nothing happens first.</summary>
public sealed class WasiBoundsTests
{
    private const int Past = 65536; // the harness memory is one page

    public static TheoryData<string, object[]> OutOfBounds => new()
    {
        { "args_sizes_get", [Past, 0] },
        { "clock_time_get", [0, 0L, Past - 4] },
        { "random_get", [Past - 8, 16] },
        { "fd_write", [1, Past, 1, 0] },
        { "fd_write", [1, 0, 1, Past - 2] },
        { "fd_prestat_get", [3, Past - 4] },
        { "fd_prestat_dir_name", [3, Past - 2, 8] },
        { "fd_fdstat_get", [1, Past - 8] },
        { "fd_filestat_get", [3, Past - 8] },
        { "path_open", [3, 0, Past - 1, 2, 0, 0L, 0L, 0, 0] },
        { "path_create_directory", [3, Past - 1, 2] },
        { "poll_oneoff", [Past - 8, 0, 1, 0] },
        { "fd_readdir", [3, Past - 8, 64, 0L, 0] },
    };

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public void OutOfBoundsPointersTrap(string function, object[] args)
    {
        using var h = new WasiHarness();
        var trap = Assert.Throws<Trap>(() => h.Call(function, args));
        Assert.Equal(TrapCode.HeapOutOfBounds, trap.Code);
        Assert.Equal("out of bounds memory access", trap.Message);
        Assert.Empty(Directory.GetFileSystemEntries(h.Sandbox));
    }

    [Fact]
    public void AnIovecWhoseBufferLeavesTheMemoryTrapsBeforeWriting()
    {
        using var h = new WasiHarness();
        uint iovs = h.Alloc(16);
        var (p, n) = h.Str("hello");
        h.Memory.WriteInt32(iovs, (int)p);
        h.Memory.WriteInt32(iovs + 4, n);
        h.Memory.WriteInt32(iovs + 8, Past - 2);
        h.Memory.WriteInt32(iovs + 12, 4);
        Assert.Throws<Trap>(() => h.Call("fd_write", 1, iovs, 2, h.Alloc(4)));
        Assert.Equal("", h.StdoutText);
    }
}
