using System.Buffers.Binary;
using System.Text;
using Kiln.Runtime.Wasi;

namespace Kiln.Runtime.Tests.Wasi;

public sealed class WasiDirectoryTests : IDisposable
{
    private readonly WasiHarness h = new();

    public void Dispose()
    {
        h.AssertOutsideUntouched();
        h.Dispose();
    }

    private string HostPath(string name) => Path.Combine(h.Sandbox, name);

    /// <summary>fd_readdir from <paramref name="cookie"/> into a buffer of <paramref name="size"/>.</summary>
    private List<(ulong Next, ulong Ino, WasiFileType Type, string Name)> Readdir(uint fd, ulong cookie, int size, out uint used)
    {
        uint buf = h.Alloc(size), usedPtr = h.Alloc(4);
        Assert.Equal(WasiErrno.Success, h.Call("fd_readdir", fd, buf, size, cookie, usedPtr));
        used = h.U32(usedPtr);
        var bytes = new byte[used];
        h.Memory.Read(buf, bytes);
        var result = new List<(ulong, ulong, WasiFileType, string)>();
        for (int at = 0; at + 24 <= bytes.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 16));
            if (at + 24 + length > bytes.Length)
                break; // cut off: asked for again from the previous cookie
            result.Add((BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at)), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at + 8)),
                (WasiFileType)bytes[at + 20], Encoding.UTF8.GetString(bytes, at + 24, length)));
            at += 24 + length;
        }
        return result;
    }

    [Fact]
    public void CreateListAndRemoveDirectories()
    {
        Assert.Equal(WasiErrno.Success, h.PathCall("path_create_directory", "d"));
        Assert.Equal(WasiErrno.Success, h.PathCall("path_create_directory", "d/e/"));
        Assert.Equal(WasiErrno.Exist, h.PathCall("path_create_directory", "d"));
        Assert.Equal(WasiErrno.NoEnt, h.PathCall("path_create_directory", "x/y"));
        Assert.True(Directory.Exists(HostPath("d/e")));
        File.WriteAllText(HostPath("d/f"), "");
        File.CreateSymbolicLink(HostPath("d/l"), "f");

        Assert.Equal(WasiErrno.Success, h.Open("d", out uint fd, oflags: 2, rights: (ulong)(WasiRights.FdReaddir | WasiRights.PathOpen)));
        var all = Readdir(fd, 0, 4096, out uint used);
        Assert.True(used < 4096);
        Assert.Equal([".", "..", "e", "f", "l"], all.Select(e => e.Name).Order());
        Assert.Equal(WasiFileType.Directory, all.Single(e => e.Name == "e").Type);
        Assert.Equal(WasiFileType.RegularFile, all.Single(e => e.Name == "f").Type);
        Assert.Equal(WasiFileType.SymbolicLink, all.Single(e => e.Name == "l").Type);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (ulong)i), all.Select(e => e.Next));

        // A buffer too small for everything: the last entry is cut off, and cookies resume exactly.
        var seen = new List<string>();
        ulong cookie = 0;
        while (true)
        {
            var part = Readdir(fd, cookie, 40, out used);
            seen.AddRange(part.Select(e => e.Name));
            if (used < 40)
                break;
            cookie = part.Count > 0 ? part[^1].Next : cookie;
            Assert.NotEmpty(part); // 40 bytes hold one entry with a short name
        }
        Assert.Equal(all.Select(e => e.Name), seen);
        Assert.Empty(Readdir(fd, 99, 100, out used));

        Assert.Equal(WasiErrno.NotEmpty, h.PathCall("path_remove_directory", "d"));
        Assert.Equal(WasiErrno.NotDir, h.PathCall("path_remove_directory", "d/f"));
        Assert.Equal(WasiErrno.IsDir, h.PathCall("path_unlink_file", "d/e"));
        Assert.Equal(WasiErrno.NotDir, h.PathCall("path_unlink_file", "d/f/"));
        Assert.Equal(WasiErrno.Success, h.PathCall("path_unlink_file", "d/f"));
        Assert.Equal(WasiErrno.Success, h.PathCall("path_unlink_file", "d/l"));
        Assert.Equal(WasiErrno.Success, h.PathCall("path_remove_directory", "d/e/"));
        Assert.Equal(WasiErrno.Success, h.PathCall("path_remove_directory", "d"));
        Assert.Empty(Directory.GetFileSystemEntries(h.Sandbox));
        Assert.Equal(WasiErrno.Inval, h.PathCall("path_remove_directory", "."));
        Assert.Equal(WasiErrno.NotDir, h.Open("x", out _, dir: 1));
    }

    [Fact]
    public void ReaddirNeedsItsRightAndADirectory()
    {
        File.WriteAllText(HostPath("f"), "");
        Assert.Equal(WasiErrno.Success, h.Open("f", out uint file, rights: (ulong)WasiRights.FdRead));
        uint buf = h.Alloc(64);
        Assert.Equal(WasiErrno.NotDir, h.Call("fd_readdir", file, buf, 64, 0L, buf));
        Assert.Equal(WasiErrno.Success, h.Open(".", out uint dir, oflags: 2, rights: (ulong)WasiRights.PathOpen));
        Assert.Equal(WasiErrno.NotCapable, h.Call("fd_readdir", dir, buf, 64, 0L, buf));
        Assert.Contains(Readdir(WasiHarness.Preopen, 0, 1024, out _), e => e.Name == "f");
    }

    [Fact]
    public void RenameFilesAndDirectories()
    {
        File.WriteAllText(HostPath("a"), "A");
        Directory.CreateDirectory(HostPath("d"));
        Assert.Equal(WasiErrno.Success, h.Rename("a", "d/b"));
        Assert.Equal("A", File.ReadAllText(HostPath("d/b")));
        Assert.Equal(WasiErrno.Success, h.Rename("d", "e/"));
        Assert.True(File.Exists(HostPath("e/b")));
        Assert.Equal(WasiErrno.NotDir, h.Rename("e/b/", "c"));
        Assert.Equal(WasiErrno.NoEnt, h.Rename("nothing", "c"));
        Directory.CreateDirectory(HostPath("full/x"));
        Assert.Equal(WasiErrno.NotEmpty, h.Rename("e", "full"));
        Assert.Equal(WasiErrno.Inval, h.Rename("e", "e/inside"));
    }

    [Fact]
    public void HardLinksShareTheFile()
    {
        File.WriteAllText(HostPath("a"), "A");
        Assert.Equal(WasiErrno.Success, h.Link("a", "b"));
        Assert.Equal(WasiErrno.Success, h.Stat("b", out var stat));
        Assert.Equal(2UL, stat.Nlink);
        Assert.Equal(WasiErrno.Exist, h.Link("a", "b"));
        Directory.CreateDirectory(HostPath("d"));
        Assert.Equal(WasiErrno.Perm, h.Link("d", "d2"));
        Assert.Equal(WasiErrno.Perm, h.Link("d/", "d2"));
        Assert.Equal(WasiErrno.NotDir, h.Link("a/", "c"));
    }

    [Fact]
    public void SymlinksAndReadlink()
    {
        File.WriteAllText(HostPath("target"), "T");
        Assert.Equal(WasiErrno.Success, h.Symlink("target", "link"));
        Assert.Equal(WasiErrno.Exist, h.Symlink("target", "link"));
        Assert.Equal(WasiErrno.Success, h.Readlink("link", out string target));
        Assert.Equal("target", target);
        Assert.Equal(WasiErrno.Success, h.Readlink("link", out target, room: 3));
        Assert.Equal("tar", target); // truncated, as readlink(2)
        Assert.Equal(WasiErrno.Inval, h.Readlink("target", out _));
        Assert.Equal(WasiErrno.Success, h.Open("link", out uint fd, rights: (ulong)WasiRights.FdRead));
        Assert.Equal(WasiErrno.Success, h.Read(fd, 10, out string text));
        Assert.Equal("T", text);
        Assert.Equal(WasiErrno.Success, h.Stat("link", out var stat, follow: false));
        Assert.Equal(WasiFileType.SymbolicLink, stat.Type);
        Assert.Equal(WasiErrno.Success, h.Stat("link", out stat, follow: true));
        Assert.Equal(WasiFileType.RegularFile, stat.Type);
        Assert.Equal(WasiErrno.Success, h.Symlink("missing", "dangling"));
        Assert.Equal(WasiErrno.NoEnt, h.Open("dangling", out _, rights: (ulong)WasiRights.FdRead));
        // Creating through a dangling link inside the sandbox creates its target, as POSIX open does.
        Assert.Equal(WasiErrno.Success, h.Open("dangling", out _, oflags: 1, rights: (ulong)WasiRights.FdWrite));
        Assert.True(File.Exists(HostPath("missing")));
        Directory.CreateDirectory(HostPath("dir"));
        Assert.Equal(WasiErrno.Success, h.Symlink("dir", "dirlink"));
        Assert.Equal(WasiErrno.Inval, h.Readlink("dirlink/", out _));
        Assert.Equal(WasiErrno.NotDir, h.Readlink("link/", out _));
    }

    [Fact]
    public void StatOfDirectoriesAndDots()
    {
        Directory.CreateDirectory(HostPath("d"));
        Assert.Equal(WasiErrno.Success, h.Stat(".", out var root));
        Assert.Equal(WasiFileType.Directory, root.Type);
        Assert.Equal(WasiErrno.Success, h.Stat("d/..", out var again));
        Assert.Equal(root.Ino, again.Ino);
        uint buf = h.Alloc(64);
        Assert.Equal(WasiErrno.Success, h.Call("fd_filestat_get", WasiHarness.Preopen, buf));
        Assert.Equal(root.Ino, WasiHarness.Filestat.Read(h.Memory, buf).Ino);
    }
}
