using System.Net;
using System.Net.Sockets;
using System.Text;
using Kiln.Runtime.Wasi;

namespace Kiln.Runtime.Tests.Wasi;

public sealed class WasiSocketTests
{
    [Fact]
    public void AcceptReceiveSendShutdownOnAnEmbedderSocket()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var h = new WasiHarness(c => c.Sockets.Add(listener));
        uint listen = WasiHarness.Preopen + 1;
        uint stat = h.Alloc(24);
        Assert.Equal(WasiErrno.Success, h.Call("fd_fdstat_get", listen, stat));
        Assert.Equal((byte)WasiFileType.SocketStream, h.Memory.ReadByte(stat));

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        uint fdPtr = h.Alloc(4);
        Assert.Equal(WasiErrno.Success, h.Call("sock_accept", listen, 0, fdPtr));
        uint conn = h.U32(fdPtr);

        client.Send("ping"u8);
        uint buf = h.Alloc(16), len = h.Alloc(4), flags = h.Alloc(4);
        Assert.Equal(WasiErrno.Success, h.Call("sock_recv", conn, h.Iovec(buf, 16), 1, 2 /* waitall */ & 0, len, flags));
        Assert.Equal("ping", h.ReadString(buf, (int)h.U32(len)));
        Assert.Equal(0, h.Memory.ReadInt16(flags));

        var (p, n) = h.Str("pong");
        Assert.Equal(WasiErrno.Success, h.Call("sock_send", conn, h.Iovec(p, n), 1, 0, len));
        Assert.Equal(4u, h.U32(len));
        var received = new byte[4];
        Assert.Equal(4, client.Receive(received));
        Assert.Equal("pong", Encoding.UTF8.GetString(received));

        // fd_write works on sockets too.
        Assert.Equal(WasiErrno.Success, h.Write(conn, "!"));
        Assert.Equal(1, client.Receive(received));

        Assert.Equal(WasiErrno.Success, h.Call("sock_shutdown", conn, 2));
        Assert.Equal(0, client.Receive(received)); // end of stream
        Assert.Equal(WasiErrno.Inval, h.Call("sock_shutdown", conn, 0));
        Assert.Equal(WasiErrno.NotCapable, h.Call("sock_accept", conn, 0, fdPtr));

        // The guest closing its fd leaves the embedder's socket open.
        Assert.Equal(WasiErrno.Success, h.Call("fd_close", listen));
        Assert.True(listener.IsBound);
        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        again.Connect(listener.LocalEndPoint!);
    }

    [Fact]
    public void SocketCallsOnOtherDescriptorsAreNotSockOrBadF()
    {
        using var h = new WasiHarness();
        uint p = h.Alloc(8);
        Assert.Equal(WasiErrno.NotSock, h.Call("sock_accept", WasiHarness.Preopen, 0, p));
        Assert.Equal(WasiErrno.NotSock, h.Call("sock_recv", 1, p, 0, 0, p, p));
        Assert.Equal(WasiErrno.NotSock, h.Call("sock_send", 1, p, 0, 0, p));
        Assert.Equal(WasiErrno.NotSock, h.Call("sock_shutdown", 0, 2));
        Assert.Equal(WasiErrno.BadF, h.Call("sock_accept", 50, 0, p));
        Assert.Equal(WasiErrno.BadF, h.Call("sock_shutdown", 50, 2));
    }
}
