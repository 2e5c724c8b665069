using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi;

// sock_*: on descriptors that are host sockets (the embedder's, see WasiConfiguration.Sockets, and accepted ones).
public sealed unsafe partial class WasiContext
{
    public WasiErrno SockAccept(Memory memory, uint fd, uint flags, uint fdPtr)
    {
        var e = GetSocket(fd, WasiRights.SockAccept, out var socket);
        if (e != WasiErrno.Success)
            return e;
        GuestMemory.Check(memory, fdPtr, 4);
        int accepted = WasiSys.kilnrt_wasi_accept(socket.Fd, flags);
        if (accepted < 0)
            return WasiSys.Errno(accepted);
        var type = TypeOf(accepted);
        var d = new HostDescriptor(new HostFdHandle(accepted, ownsHandle: true), type)
        {
            Base = WasiRightSets.Socket & ~WasiRights.SockAccept,
        };
        e = table.Add(d, out uint newFd);
        if (e != WasiErrno.Success)
        {
            d.Dispose();
            return e;
        }
        GuestMemory.WriteU32(memory, fdPtr, newFd);
        return WasiErrno.Success;
    }

    public WasiErrno SockRecv(Memory memory, uint fd, uint data, uint dataLength, uint riflags, uint datalenPtr, uint roflagsPtr)
    {
        var e = GetSocket(fd, WasiRights.FdRead, out var socket);
        if (e != WasiErrno.Success)
            return e;
        GuestMemory.Check(memory, datalenPtr, 4);
        GuestMemory.Check(memory, roflagsPtr, 2);
        var iov = GuestMemory.Iovecs(memory, data, dataLength);
        uint roflags = 0;
        long n;
        fixed (HostIovec* p = iov)
            n = WasiSys.kilnrt_wasi_recv(socket.Fd, p, iov.Length, riflags, &roflags);
        if (n < 0)
            return WasiSys.Errno(n);
        GuestMemory.WriteU32(memory, datalenPtr, (uint)n);
        memory.WriteInt16(roflagsPtr, (short)roflags);
        return WasiErrno.Success;
    }

    public WasiErrno SockSend(Memory memory, uint fd, uint data, uint dataLength, uint siflags, uint datalenPtr)
    {
        var e = GetSocket(fd, WasiRights.FdWrite, out var socket);
        if (e != WasiErrno.Success)
            return e;
        if (siflags != 0)
            return WasiErrno.Inval; // preview1 defines no send flags
        GuestMemory.Check(memory, datalenPtr, 4);
        var iov = GuestMemory.Iovecs(memory, data, dataLength);
        long n;
        fixed (HostIovec* p = iov)
            n = WasiSys.kilnrt_wasi_send(socket.Fd, p, iov.Length);
        if (n < 0)
            return WasiSys.Errno(n);
        GuestMemory.WriteU32(memory, datalenPtr, (uint)n);
        return WasiErrno.Success;
    }

    public WasiErrno SockShutdown(uint fd, uint how)
    {
        var e = GetSocket(fd, WasiRights.SockShutdown, out var socket);
        return e != WasiErrno.Success ? e : Result(WasiSys.kilnrt_wasi_shutdown(socket.Fd, how));
    }

    /// <summary>A socket descriptor: EBADF when there is none, ENOTSOCK when it is something else.</summary>
    private WasiErrno GetSocket(uint fd, WasiRights rights, out HostDescriptor socket)
    {
        socket = null!;
        if (!table.TryGet(fd, out var d))
            return WasiErrno.BadF;
        if (d is not HostDescriptor { FileType: WasiFileType.SocketStream or WasiFileType.SocketDgram } h)
            return WasiErrno.NotSock;
        if (!h.Has(rights))
            return WasiErrno.NotCapable;
        socket = h;
        return WasiErrno.Success;
    }
}
