using Kiln.Runtime.Wasi;

namespace Kiln.Runtime.Tests.Wasi;

/// <summary>
/// Every way out of a preopen we could think of fails, with ENOTCAPABLE for escapes (as wasmtime), ELOOP for loops
/// and ENOENT/ENOTDIR where those are right, and the files beside the sandbox are never read or changed.
/// </summary>
public sealed class WasiSandboxTests : IDisposable
{
    private readonly WasiHarness h = new();

    public WasiSandboxTests()
    {
        File.WriteAllText(Path.Combine(h.Sandbox, "file"), "inside");
        Directory.CreateDirectory(Path.Combine(h.Sandbox, "dir"));
        Link("to_root", "/");
        Link("to_parent", "..");
        Link("to_outside", "../outside");
        Link("abs_secret", Path.Combine(h.Outside, "secret"));
        Link("abs_inside", Path.Combine(h.Sandbox, "file"));
        Link("dangling_out", "../outside/created");
        Link("c1", "c2");
        Link("c2", "dir/c3");
        Link("dir/c3", "../../outside/secret");
        Link("loop_a", "loop_b");
        Link("loop_b", "loop_a");
        Link("dir/up", "../..");
        Link("dir/ok", "../file");
    }

    public void Dispose()
    {
        h.AssertOutsideUntouched();
        h.Dispose();
    }

    private void Link(string name, string target) => File.CreateSymbolicLink(Path.Combine(h.Sandbox, name), target);

    [Theory]
    [InlineData("../outside/secret")]
    [InlineData("/etc/passwd")]
    [InlineData("/sandbox/file")] // absolute guest paths are wasi-libc's business, never the host's
    [InlineData("dir/../../outside/secret")]
    [InlineData("..")]
    [InlineData("../sandbox/file")] // even back into the sandbox: the walk left it
    [InlineData("to_root")]
    [InlineData("to_root/etc/passwd")]
    [InlineData("to_parent")]
    [InlineData("to_parent/outside/secret")]
    [InlineData("to_outside/secret")]
    [InlineData("abs_secret")]
    [InlineData("abs_inside")] // an absolute symlink never resolves, even to inside
    [InlineData("c1")] // a chain whose last link leaves
    [InlineData("dir/up/outside/secret")]
    [InlineData("dir/up/secret")]
    public void OpeningAnEscapingPathIsNotCapable(string path)
    {
        Assert.Equal(WasiErrno.NotCapable, h.Open(path, out _, rights: (ulong)WasiRights.FdRead));
    }

    [Theory]
    [InlineData("dangling_out")]
    [InlineData("../outside/created")]
    [InlineData("to_outside/created")]
    [InlineData("dir/up/outside/created")]
    public void CreatingThroughAnEscapingPathIsNotCapable(string path)
    {
        Assert.Equal(WasiErrno.NotCapable, h.Open(path, out _, oflags: 1 /* creat */, rights: (ulong)WasiRights.FdWrite));
        Assert.False(File.Exists(Path.Combine(h.Outside, "created")));
    }

    [Fact]
    public void TruncatingThroughAnEscapingLinkIsNotCapable() =>
        Assert.Equal(WasiErrno.NotCapable, h.Open("abs_secret", out _, oflags: 8 /* trunc */, rights: (ulong)WasiRights.FdWrite));

    [Fact]
    public void SymlinkLoopsAreLoops()
    {
        Assert.Equal(WasiErrno.Loop, h.Open("loop_a", out _, rights: (ulong)WasiRights.FdRead));
        Assert.Equal(WasiErrno.Loop, h.Stat("loop_a/x", out _));
    }

    [Fact]
    public void NotFollowingAFinalSymlinkIsALoop() =>
        Assert.Equal(WasiErrno.Loop, h.Open("abs_secret", out _, rights: (ulong)WasiRights.FdRead, follow: false));

    [Fact]
    public void LinksThatStayInsideWork()
    {
        Assert.Equal(WasiErrno.Success, h.Open("dir/ok", out uint fd, rights: (ulong)WasiRights.FdRead));
        Assert.Equal(WasiErrno.Success, h.Read(fd, 100, out string text));
        Assert.Equal("inside", text);
        Assert.Equal(WasiErrno.Success, h.Open("dir/../file", out _, rights: (ulong)WasiRights.FdRead));
        Assert.Equal(WasiErrno.Success, h.Open("./dir/./../dir/..", out _, oflags: 2 /* directory */, rights: (ulong)WasiRights.FdReaddir));
    }

    [Fact]
    public void ADirectoryFdIsItsOwnSandbox()
    {
        Assert.Equal(WasiErrno.Success, h.Open("dir", out uint dir, oflags: 2, rights: WasiHarness.AllRights));
        Assert.Equal(WasiErrno.NotCapable, h.Open("../file", out _, rights: (ulong)WasiRights.FdRead, dir: dir));
        Assert.Equal(WasiErrno.NotCapable, h.Open("ok", out _, rights: (ulong)WasiRights.FdRead, dir: dir)); // ok -> ../file
    }

    [Theory]
    [InlineData("../outside/secret")]
    [InlineData("to_outside/secret")]
    [InlineData("to_root/etc")]
    [InlineData("..")]
    [InlineData("to_parent/")]
    [InlineData("/etc")]
    public void StatOfAnEscapingPathIsNotCapable(string path) => Assert.Equal(WasiErrno.NotCapable, h.Stat(path, out _));

    [Fact]
    public void StatOfAnEscapingLinkItselfIsAllowedButNotOfItsTarget()
    {
        Assert.Equal(WasiErrno.Success, h.Stat("abs_secret", out var link, follow: false));
        Assert.Equal(WasiFileType.SymbolicLink, link.Type);
        Assert.Equal(WasiErrno.NotCapable, h.Stat("abs_secret", out _, follow: true));
    }

    [Fact]
    public void SettingTimesThroughAnEscapingLinkIsNotCapable()
    {
        var before = File.GetLastWriteTimeUtc(Path.Combine(h.Outside, "secret"));
        var (p, n) = h.Str("abs_secret");
        Assert.Equal(WasiErrno.NotCapable, h.Call("path_filestat_set_times", WasiHarness.Preopen, 1, p, n, 0L, 0L, 4 | 1));
        Assert.Equal(before, File.GetLastWriteTimeUtc(Path.Combine(h.Outside, "secret")));
    }

    [Theory]
    [InlineData("path_create_directory", "../outside/new", WasiErrno.NotCapable)]
    [InlineData("path_create_directory", "to_outside/new", WasiErrno.NotCapable)]
    [InlineData("path_create_directory", "/tmp/kiln-escape", WasiErrno.NotCapable)]
    [InlineData("path_create_directory", "to_outside", WasiErrno.Exist)] // the final link is never followed
    [InlineData("path_create_directory", "dangling_out", WasiErrno.Exist)]
    [InlineData("path_create_directory", "..", WasiErrno.NotCapable)]
    [InlineData("path_remove_directory", "../outside", WasiErrno.NotCapable)]
    [InlineData("path_remove_directory", "..", WasiErrno.NotCapable)]
    [InlineData("path_remove_directory", "to_parent/outside", WasiErrno.NotCapable)]
    [InlineData("path_remove_directory", "to_outside", WasiErrno.NotDir)]
    [InlineData("path_unlink_file", "../outside/secret", WasiErrno.NotCapable)]
    [InlineData("path_unlink_file", "to_outside/secret", WasiErrno.NotCapable)]
    [InlineData("path_unlink_file", "dir/up/secret", WasiErrno.NotCapable)]
    [InlineData("path_unlink_file", "/etc/passwd", WasiErrno.NotCapable)]
    [InlineData("path_unlink_file", "../secret", WasiErrno.NotCapable)]
    public void FinalComponentOperationsCannotReachOutside(string function, string path, WasiErrno expected) =>
        Assert.Equal(expected, h.PathCall(function, path));

    [Fact]
    public void UnlinkingAnEscapingLinkRemovesTheLinkOnly()
    {
        Assert.Equal(WasiErrno.Success, h.PathCall("path_unlink_file", "abs_secret"));
        Assert.False(Path.Exists(Path.Combine(h.Sandbox, "abs_secret")));
        Assert.Equal(WasiErrno.Success, h.PathCall("path_unlink_file", "to_outside"));
        Assert.True(Directory.Exists(h.Outside));
    }

    [Theory]
    [InlineData("file", "../outside/stolen")]
    [InlineData("file", "to_outside/stolen")]
    [InlineData("file", "/tmp/stolen")]
    [InlineData("../outside/secret", "stolen")]
    [InlineData("to_outside/secret", "stolen")]
    [InlineData("../outside", "stolen")]
    [InlineData("dir", "../outside/dir")]
    public void RenamingOutOrInIsNotCapable(string from, string to)
    {
        Assert.Equal(WasiErrno.NotCapable, h.Rename(from, to));
        Assert.True(File.Exists(Path.Combine(h.Sandbox, "file")));
    }

    [Fact]
    public void RenamingAnEscapingLinkMovesTheLinkOnly()
    {
        Assert.Equal(WasiErrno.Success, h.Rename("abs_secret", "dir/moved"));
        Assert.Equal(WasiErrno.NotCapable, h.Open("dir/moved", out _, rights: (ulong)WasiRights.FdRead));
        Assert.Equal(WasiErrno.Success, h.Rename("to_outside", "dir/moved2"));
        Assert.Equal(WasiErrno.NoEnt, h.Open("dir/moved2/secret", out _, rights: (ulong)WasiRights.FdRead)); // now ../outside of dir: sandbox/outside
    }

    [Theory]
    [InlineData("file", "../outside/hard")]
    [InlineData("file", "to_outside/hard")]
    [InlineData("../outside/secret", "hard")]
    [InlineData("to_outside/secret", "hard")]
    [InlineData("/etc/passwd", "hard")]
    public void HardLinksOutOrInAreNotCapable(string from, string to)
    {
        Assert.Equal(WasiErrno.NotCapable, h.Link(from, to));
        Assert.False(File.Exists(Path.Combine(h.Sandbox, "hard")));
    }

    [Fact]
    public void HardLinkingAnEscapingLinkLinksTheLinkAndFollowingIsRefused()
    {
        Assert.Equal(WasiErrno.Inval, h.Link("abs_secret", "hard", follow: true));
        Assert.Equal(WasiErrno.Success, h.Link("abs_secret", "hard"));
        Assert.Equal(WasiErrno.Success, h.Stat("hard", out var stat, follow: false));
        Assert.Equal(WasiFileType.SymbolicLink, stat.Type);
        Assert.Equal(WasiErrno.NotCapable, h.Open("hard", out _, rights: (ulong)WasiRights.FdRead));
    }

    [Fact]
    public void SymlinksMayPointAnywhereButNeverLeadThere()
    {
        Assert.Equal(WasiErrno.NotCapable, h.Symlink("x", "../outside/evil"));
        Assert.Equal(WasiErrno.NotCapable, h.Symlink("x", "to_outside/evil"));
        Assert.Equal(WasiErrno.Success, h.Symlink("/etc/passwd", "evil"));
        Assert.Equal(WasiErrno.Success, h.Symlink("../outside/secret", "evil2"));
        Assert.Equal(WasiErrno.NotCapable, h.Open("evil", out _, rights: (ulong)WasiRights.FdRead));
        Assert.Equal(WasiErrno.NotCapable, h.Open("evil2", out _, rights: (ulong)WasiRights.FdRead));
        Assert.Equal(WasiErrno.NotCapable, h.Open("evil2", out _, oflags: 1 | 8, rights: (ulong)WasiRights.FdWrite));
    }

    [Fact]
    public void ReadingAnEscapingLinkIsAllowedButNotThroughIt()
    {
        Assert.Equal(WasiErrno.Success, h.Readlink("abs_secret", out string target));
        Assert.Equal(Path.Combine(h.Outside, "secret"), target);
        Assert.Equal(WasiErrno.Success, h.Readlink("to_parent", out target));
        Assert.Equal("..", target);
        Assert.Equal(WasiErrno.NotCapable, h.Readlink("../outside/secret", out _));
        Assert.Equal(WasiErrno.NotCapable, h.Readlink("to_root/", out _));
        Assert.Equal(WasiErrno.NotCapable, h.Readlink("to_outside/secret", out _));
    }

    [Fact]
    public void MagicLinksInProcAreRefused()
    {
        using var proc = new WasiHarness(c => c.Preopen("/proc/self", "/proc", readOnly: true));
        uint fd = WasiHarness.Preopen + 1;
        Assert.Equal(WasiErrno.Loop, proc.Open("root/etc/passwd", out _, rights: (ulong)WasiRights.FdRead, dir: fd));
        Assert.Equal(WasiErrno.Loop, proc.Open("cwd", out _, rights: (ulong)WasiRights.FdRead, dir: fd));
    }

    [Fact]
    public void NonexistentAndNonDirectoryComponentsAreThoseErrors()
    {
        Assert.Equal(WasiErrno.NoEnt, h.Open("missing/x", out _, rights: (ulong)WasiRights.FdRead));
        Assert.Equal(WasiErrno.NotDir, h.Open("file/x", out _, rights: (ulong)WasiRights.FdRead));
        Assert.Equal(WasiErrno.NoEnt, h.Open("", out _, rights: (ulong)WasiRights.FdRead));
        Assert.Equal(WasiErrno.NoEnt, h.PathCall("path_unlink_file", ""));
    }
}
