using Kiln.Runtime.Wasi;

namespace Kiln.Runtime.Tests.Wasi;

public sealed class WasiFileTests : IDisposable
{
    private const uint Creat = 1, Directory_ = 2, Excl = 4, Trunc = 8;
    private readonly WasiHarness h = new();

    public void Dispose()
    {
        h.AssertOutsideUntouched();
        h.Dispose();
    }

    private string HostPath(string name) => Path.Combine(h.Sandbox, name);

    [Fact]
    public void CreateWriteSeekRead()
    {
        Assert.Equal(WasiErrno.Success, h.Open("a.txt", out uint fd, oflags: Creat));
        Assert.True(fd > WasiHarness.Preopen);
        Assert.Equal(WasiErrno.Success, h.Write(fd, "hello, world"));
        Assert.Equal("hello, world", File.ReadAllText(HostPath("a.txt")));
        uint at = h.Alloc(8);
        Assert.Equal(WasiErrno.Success, h.Call("fd_tell", fd, at));
        Assert.Equal(12UL, h.U64(at));
        Assert.Equal(WasiErrno.Success, h.Call("fd_seek", fd, 7L, 0, at));
        Assert.Equal(7UL, h.U64(at));
        Assert.Equal(WasiErrno.Success, h.Read(fd, 100, out string text));
        Assert.Equal("world", text);
        Assert.Equal(WasiErrno.Success, h.Call("fd_seek", fd, -5L, 2, at));
        Assert.Equal(7UL, h.U64(at));
        Assert.Equal(WasiErrno.Success, h.Call("fd_seek", fd, -2L, 1, at));
        Assert.Equal(5UL, h.U64(at));
        Assert.Equal(WasiErrno.Inval, h.Call("fd_seek", fd, -100L, 1, at));
        Assert.Equal(WasiErrno.Inval, h.Call("fd_seek", fd, 0L, 3, at));
        Assert.Equal(WasiErrno.Success, h.Call("fd_close", fd));
        Assert.Equal(WasiErrno.BadF, h.Call("fd_close", fd));
        Assert.Equal(WasiErrno.BadF, h.Write(fd, "x"));
    }

    [Fact]
    public void ExclusiveCreationAndTruncation()
    {
        File.WriteAllText(HostPath("b"), "old contents");
        Assert.Equal(WasiErrno.Exist, h.Open("b", out _, oflags: Creat | Excl));
        Assert.Equal(WasiErrno.Success, h.Open("b", out uint fd, oflags: Trunc));
        Assert.Equal(0, new FileInfo(HostPath("b")).Length);
        Assert.Equal(WasiErrno.Success, h.Write(fd, "new"));
        Assert.Equal("new", File.ReadAllText(HostPath("b")));
        Assert.Equal(WasiErrno.NoEnt, h.Open("c", out _));
        Assert.Equal(WasiErrno.NotDir, h.Open("b", out _, oflags: Directory_));
    }

    [Fact]
    public void AppendModeWritesAtTheEnd()
    {
        File.WriteAllText(HostPath("log"), "one\n");
        Assert.Equal(WasiErrno.Success, h.Open("log", out uint fd, rights: (ulong)(WasiRights.FdWrite | WasiRights.FdSeek), fdflags: 1));
        uint at = h.Alloc(8);
        Assert.Equal(WasiErrno.Success, h.Call("fd_seek", fd, 0L, 0, at));
        Assert.Equal(WasiErrno.Success, h.Write(fd, "two\n"));
        Assert.Equal("one\ntwo\n", File.ReadAllText(HostPath("log")));
        uint stat = h.Alloc(24);
        Assert.Equal(WasiErrno.Success, h.Call("fd_fdstat_get", fd, stat));
        Assert.Equal(1, h.Memory.ReadInt16(stat + 2)); // APPEND
    }

    [Fact]
    public void PreadAndPwriteLeaveTheOffsetAlone()
    {
        Assert.Equal(WasiErrno.Success, h.Open("p", out uint fd, oflags: Creat));
        Assert.Equal(WasiErrno.Success, h.Write(fd, "0123456789"));
        var (p, n) = h.Str("AB");
        uint count = h.Alloc(4);
        Assert.Equal(WasiErrno.Success, h.Call("fd_pwrite", fd, h.Iovec(p, n), 1, 3L, count));
        Assert.Equal(2u, h.U32(count));
        uint buf = h.Alloc(4);
        Assert.Equal(WasiErrno.Success, h.Call("fd_pread", fd, h.Iovec(buf, 4), 1, 2L, count));
        Assert.Equal("2AB5", h.ReadString(buf, (int)h.U32(count)));
        uint at = h.Alloc(8);
        Assert.Equal(WasiErrno.Success, h.Call("fd_tell", fd, at));
        Assert.Equal(10UL, h.U64(at));
        Assert.Equal("012AB56789", File.ReadAllText(HostPath("p")));
    }

    [Fact]
    public void ScatterGatherUsesEveryIovec()
    {
        Assert.Equal(WasiErrno.Success, h.Open("v", out uint fd, oflags: Creat));
        var (a, an) = h.Str("abc");
        var (b, bn) = h.Str("defg");
        uint iovs = h.Alloc(16);
        h.Memory.WriteInt32(iovs, (int)a);
        h.Memory.WriteInt32(iovs + 4, an);
        h.Memory.WriteInt32(iovs + 8, (int)b);
        h.Memory.WriteInt32(iovs + 12, bn);
        uint n = h.Alloc(4);
        Assert.Equal(WasiErrno.Success, h.Call("fd_write", fd, iovs, 2, n));
        Assert.Equal(7u, h.U32(n));
        Assert.Equal("abcdefg", File.ReadAllText(HostPath("v")));
    }

    [Fact]
    public void TruncateAllocateStatAndTimes()
    {
        Assert.Equal(WasiErrno.Success, h.Open("t", out uint fd, oflags: Creat));
        Assert.Equal(WasiErrno.Success, h.Write(fd, "0123456789"));
        Assert.Equal(WasiErrno.Success, h.Call("fd_filestat_set_size", fd, 4L));
        Assert.Equal("0123", File.ReadAllText(HostPath("t")));
        Assert.Equal(WasiErrno.Success, h.Call("fd_allocate", fd, 0L, 100L));
        Assert.Equal(100, new FileInfo(HostPath("t")).Length);
        Assert.Equal(WasiErrno.Success, h.Call("fd_advise", fd, 0L, 0L, 1));
        Assert.Equal(WasiErrno.Inval, h.Call("fd_advise", fd, 0L, 0L, 6));
        Assert.Equal(WasiErrno.Success, h.Call("fd_sync", fd));
        Assert.Equal(WasiErrno.Success, h.Call("fd_datasync", fd));

        const ulong Atim = 1_000_000_000_123_456_789, Mtim = 1_100_000_000_987_654_321;
        Assert.Equal(WasiErrno.Success, h.Call("fd_filestat_set_times", fd, Atim, Mtim, 1 | 4));
        uint buf = h.Alloc(64);
        Assert.Equal(WasiErrno.Success, h.Call("fd_filestat_get", fd, buf));
        var stat = WasiHarness.Filestat.Read(h.Memory, buf);
        Assert.Equal(WasiFileType.RegularFile, stat.Type);
        Assert.Equal(100UL, stat.Size);
        Assert.Equal(1UL, stat.Nlink);
        Assert.Equal(Atim, stat.Atim);
        Assert.Equal(Mtim, stat.Mtim);
        Assert.Equal(WasiErrno.Inval, h.Call("fd_filestat_set_times", fd, 0L, 0L, 1 | 2));

        Assert.Equal(WasiErrno.Success, h.Stat("t", out var byPath));
        Assert.Equal(stat with { Atim = byPath.Atim, Ctim = byPath.Ctim }, byPath);
        var (p, n) = h.Str("t");
        Assert.Equal(WasiErrno.Success, h.Call("path_filestat_set_times", WasiHarness.Preopen, 1, p, n, 0L, 5_000_000_000L, 4 | 2));
        Assert.Equal(new DateTime(1970, 1, 1, 0, 0, 5, DateTimeKind.Utc), File.GetLastWriteTimeUtc(HostPath("t")));
        Assert.True(File.GetLastAccessTimeUtc(HostPath("t")) > DateTime.UtcNow.AddMinutes(-5)); // ATIM_NOW
    }

    [Fact]
    public void RightsAreEnforced()
    {
        File.WriteAllText(HostPath("r"), "data");
        Assert.Equal(WasiErrno.Success, h.Open("r", out uint ro, rights: (ulong)(WasiRights.FdRead | WasiRights.FdFilestatGet)));
        Assert.Equal(WasiErrno.NotCapable, h.Write(ro, "x"));
        uint at = h.Alloc(8);
        Assert.Equal(WasiErrno.NotCapable, h.Call("fd_seek", ro, 1L, 0, at));
        Assert.Equal(WasiErrno.NotCapable, h.Call("fd_filestat_set_size", ro, 0L));
        Assert.Equal("data", File.ReadAllText(HostPath("r")));

        Assert.Equal(WasiErrno.Success, h.Open("r", out uint wo, rights: (ulong)WasiRights.FdWrite));
        Assert.Equal(WasiErrno.NotCapable, h.Read(wo, 10, out _));

        // fdstat reports the rights; set_rights only drops them.
        uint stat = h.Alloc(24);
        Assert.Equal(WasiErrno.Success, h.Call("fd_fdstat_get", ro, stat));
        Assert.Equal((byte)WasiFileType.RegularFile, h.Memory.ReadByte(stat));
        Assert.Equal((ulong)(WasiRights.FdRead | WasiRights.FdFilestatGet), h.U64(stat + 8));
        Assert.Equal(WasiErrno.NotCapable, h.Call("fd_fdstat_set_rights", ro, (long)(WasiRights.FdRead | WasiRights.FdWrite), 0L));
        Assert.Equal(WasiErrno.Success, h.Call("fd_fdstat_set_rights", ro, (long)WasiRights.FdFilestatGet, 0L));
        Assert.Equal(WasiErrno.NotCapable, h.Read(ro, 10, out _));

        // Path operations need directory rights, and files have none.
        Assert.Equal(WasiErrno.NotDir, h.Open("x", out _, dir: ro));
        Assert.Equal(WasiErrno.NotDir, h.PathCall("path_create_directory", "x", dir: ro));
        Assert.Equal(WasiErrno.BadF, h.Open("x", out _, dir: 99));
    }

    [Fact]
    public void AReadOnlyPreopenRefusesChanges()
    {
        using var ro = new WasiHarness(c => c.Preopens[0] = c.Preopens[0] with { ReadOnly = true });
        File.WriteAllText(Path.Combine(ro.Sandbox, "f"), "x");
        Assert.Equal(WasiErrno.NotCapable, ro.Open("new", out _, oflags: Creat, rights: (ulong)WasiRights.FdWrite));
        Assert.Equal(WasiErrno.NotCapable, ro.Open("f", out _, rights: (ulong)WasiRights.FdWrite));
        Assert.Equal(WasiErrno.NotCapable, ro.Open("f", out _, rights: (ulong)WasiRights.FdRead, fdflags: 1));
        Assert.Equal(WasiErrno.NotCapable, ro.PathCall("path_create_directory", "d"));
        Assert.Equal(WasiErrno.NotCapable, ro.PathCall("path_unlink_file", "f"));
        Assert.Equal(WasiErrno.Success, ro.Open("f", out uint fd, rights: (ulong)WasiRights.FdRead));
        Assert.Equal(WasiErrno.Success, ro.Read(fd, 10, out string text));
        Assert.Equal("x", text);
        Assert.Equal(["f"], Directory.GetFileSystemEntries(ro.Sandbox).Select(Path.GetFileName));
    }

    [Fact]
    public void PrestatNamesThePreopen()
    {
        uint prestat = h.Alloc(8);
        Assert.Equal(WasiErrno.Success, h.Call("fd_prestat_get", WasiHarness.Preopen, prestat));
        Assert.Equal(0, h.Memory.ReadByte(prestat));
        Assert.Equal(8u, h.U32(prestat + 4));
        uint name = h.Alloc(8);
        Assert.Equal(WasiErrno.NameTooLong, h.Call("fd_prestat_dir_name", WasiHarness.Preopen, name, 7));
        Assert.Equal(WasiErrno.Success, h.Call("fd_prestat_dir_name", WasiHarness.Preopen, name, 8));
        Assert.Equal("/sandbox", h.ReadString(name, 8));
        Assert.Equal(WasiErrno.BadF, h.Call("fd_prestat_get", 1, prestat));
        Assert.Equal(WasiErrno.BadF, h.Call("fd_prestat_get", WasiHarness.Preopen + 1, prestat));
    }

    [Fact]
    public void RenumberMovesADescriptorOverAnother()
    {
        Assert.Equal(WasiErrno.Success, h.Open("one", out uint a, oflags: Creat));
        Assert.Equal(WasiErrno.Success, h.Open("two", out uint b, oflags: Creat));
        Assert.Equal(WasiErrno.Success, h.Call("fd_renumber", a, b));
        Assert.Equal(WasiErrno.Success, h.Write(b, "to one"));
        Assert.Equal(WasiErrno.BadF, h.Write(a, "x"));
        Assert.Equal("to one", File.ReadAllText(HostPath("one")));
        Assert.Equal("", File.ReadAllText(HostPath("two")));
        Assert.Equal(WasiErrno.BadF, h.Call("fd_renumber", a, b));
        Assert.Equal(WasiErrno.BadF, h.Call("fd_renumber", b, 77));
        // The freed number is reused first.
        Assert.Equal(WasiErrno.Success, h.Open("one", out uint c));
        Assert.Equal(a, c);
    }

    [Fact]
    public void PathsMustBeUtf8WithoutNul()
    {
        var (p, n) = h.Bytes([0x61, 0xff]);
        uint fd = h.Alloc(4);
        Assert.Equal(WasiErrno.IlSeq, h.Call("path_open", WasiHarness.Preopen, 1, p, n, Creat, -1L, -1L, 0, fd));
        (p, n) = h.Bytes([0x61, 0, 0x62]);
        Assert.Equal(WasiErrno.Inval, h.Call("path_open", WasiHarness.Preopen, 1, p, n, Creat, -1L, -1L, 0, fd));
        Assert.Empty(Directory.GetFileSystemEntries(h.Sandbox));
    }
}
