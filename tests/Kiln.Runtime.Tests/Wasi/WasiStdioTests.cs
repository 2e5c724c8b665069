using System.IO.Pipes;
using System.Text;
using Kiln.Runtime.Wasi;

namespace Kiln.Runtime.Tests.Wasi;

public sealed class WasiStdioTests
{
    [Fact]
    public void WritesReachTheCapturedStreams()
    {
        using var h = new WasiHarness();
        Assert.Equal(WasiErrno.Success, h.Write(1, "out "));
        Assert.Equal(WasiErrno.Success, h.Write(1, "more"));
        Assert.Equal(WasiErrno.Success, h.Write(2, "err"));
        Assert.Equal("out more", h.StdoutText);
        Assert.Equal("err", Encoding.UTF8.GetString(h.Stderr.ToArray()));
    }

    [Fact]
    public void LargeWritesArriveWhole()
    {
        using var h = new WasiHarness(c => { });
        var big = new string('x', 60000);
        Assert.Equal(WasiErrno.Success, h.Write(1, big));
        Assert.Equal(big, h.StdoutText);
    }

    [Fact]
    public void StdinReadsFromItsStreamUntilEndOfFile()
    {
        using var h = new WasiHarness(c => c.Stdin = WasiStdio.FromStream(new MemoryStream("line one\nline two\n"u8.ToArray())));
        Assert.Equal(WasiErrno.Success, h.Read(0, 9, out string first));
        Assert.Equal("line one\n", first);
        Assert.Equal(WasiErrno.Success, h.Read(0, 100, out string rest));
        Assert.Equal("line two\n", rest);
        Assert.Equal(WasiErrno.Success, h.Read(0, 100, out string eof));
        Assert.Equal("", eof);
    }

    [Fact]
    public void StdioRightsAndKinds()
    {
        using var h = new WasiHarness();
        Assert.Equal(WasiErrno.NotCapable, h.Write(0, "x"));
        Assert.Equal(WasiErrno.NotCapable, h.Read(1, 1, out _));
        uint at = h.Alloc(24);
        Assert.Equal(WasiErrno.NotCapable, h.Call("fd_seek", 1, 0L, 1, at)); // streams have no seek or tell rights
        Assert.Equal(WasiErrno.NotCapable, h.Call("fd_tell", 1, at));
        Assert.Equal(WasiErrno.Success, h.Call("fd_fdstat_get", 1, at));
        Assert.Equal((byte)WasiFileType.Unknown, h.Memory.ReadByte(at));
        var rights = (WasiRights)h.U64(at + 8);
        Assert.True(rights.HasFlag(WasiRights.FdWrite));
        Assert.False(rights.HasFlag(WasiRights.FdSeek)); // what wasi-libc's isatty and buffering look at
        Assert.Equal(WasiErrno.NotCapable, h.Call("fd_sync", 1));
        Assert.Equal(WasiErrno.Success, h.Call("fd_filestat_get", 1, h.Alloc(64)));
        Assert.Equal(WasiErrno.NotDir, h.Open("x", out _, dir: 1));
        Assert.Equal(WasiErrno.Success, h.Call("fd_close", 1));
        Assert.Equal(WasiErrno.BadF, h.Write(1, "x"));
    }

    [Fact]
    public void InheritedHostFdsAreUsedButNeverClosed()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.In);
        using var client = new AnonymousPipeClientStream(PipeDirection.Out, server.ClientSafePipeHandle);
        int fd = (int)client.SafePipeHandle.DangerousGetHandle();
        using (var h = new WasiHarness(c => c.Stdout = WasiStdio.Inherit(fd)))
        {
            Assert.Equal(WasiErrno.Success, h.Write(1, "through a pipe"));
            Assert.Equal(WasiErrno.Success, h.Call("fd_close", 1));
        }
        client.Write("!"u8);
        client.Flush();
        var buffer = new byte[15];
        server.ReadExactly(buffer);
        Assert.Equal("through a pipe!", Encoding.UTF8.GetString(buffer));
    }
}
