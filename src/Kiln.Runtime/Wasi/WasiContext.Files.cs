using System.Text;
using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi;

// fd_* on any descriptor: reading, writing, seeking, metadata, table operations, prestats.
public sealed unsafe partial class WasiContext
{
    public WasiErrno FdRead(Memory memory, uint fd, uint iovs, uint iovsLen, uint nreadPtr) =>
        Transfer(memory, fd, iovs, iovsLen, 0, nreadPtr, IoOp.Read);

    public WasiErrno FdWrite(Memory memory, uint fd, uint iovs, uint iovsLen, uint nwrittenPtr) =>
        Transfer(memory, fd, iovs, iovsLen, 0, nwrittenPtr, IoOp.Write);

    public WasiErrno FdPread(Memory memory, uint fd, uint iovs, uint iovsLen, ulong offset, uint nreadPtr) =>
        Transfer(memory, fd, iovs, iovsLen, offset, nreadPtr, IoOp.PRead);

    public WasiErrno FdPwrite(Memory memory, uint fd, uint iovs, uint iovsLen, ulong offset, uint nwrittenPtr) =>
        Transfer(memory, fd, iovs, iovsLen, offset, nwrittenPtr, IoOp.PWrite);

    private enum IoOp
    {
        Read,
        Write,
        PRead,
        PWrite,
    }

    /// <summary>
    /// The four iovec transfers differ only in the rights they need and the host call; one path keeps their
    /// guest-pointer checks, stream handling and result write the same. Positioned transfers need a host file
    /// (a stream answers ESPIPE).
    /// </summary>
    private WasiErrno Transfer(Memory memory, uint fd, uint iovs, uint iovsLen, ulong offset, uint resultPtr, IoOp op)
    {
        bool reading = op is IoOp.Read or IoOp.PRead;
        bool positioned = op is IoOp.PRead or IoOp.PWrite;
        var rights = (reading ? WasiRights.FdRead : WasiRights.FdWrite) | (positioned ? WasiRights.FdSeek : 0);
        WasiDescriptor d;
        WasiErrno e;
        if (positioned)
        {
            e = GetHost(fd, rights, WasiErrno.SPipe, out var host);
            d = host;
        }
        else
        {
            e = Get(fd, rights, out d);
        }
        if (e != WasiErrno.Success)
            return e;
        GuestMemory.Check(memory, resultPtr, 4);
        var iov = GuestMemory.Iovecs(memory, iovs, iovsLen);
        long n;
        if (d is StreamDescriptor s)
        {
            e = reading ? StreamRead(s.Stream, iov, out n) : StreamWrite(s.Stream, iov, out n);
            if (e != WasiErrno.Success)
                return e;
        }
        else
        {
            int hostFd = ((HostDescriptor)d).Fd;
            fixed (HostIovec* p = iov)
            {
                n = op switch
                {
                    IoOp.Read => WasiSys.kilnrt_wasi_readv(hostFd, p, iov.Length),
                    IoOp.Write => WasiSys.kilnrt_wasi_writev(hostFd, p, iov.Length),
                    IoOp.PRead => WasiSys.kilnrt_wasi_preadv(hostFd, p, iov.Length, offset),
                    _ => WasiSys.kilnrt_wasi_pwritev(hostFd, p, iov.Length, offset),
                };
            }
            if (n < 0)
                return WasiSys.Errno(n);
        }
        GuestMemory.WriteU32(memory, resultPtr, (uint)n);
        return WasiErrno.Success;
    }

    private static WasiErrno StreamRead(Stream stream, HostIovec[] iov, out long total)
    {
        total = 0;
        try
        {
            foreach (var v in iov)
            {
                var span = new Span<byte>((void*)v.Base, (int)Math.Min(v.Length, int.MaxValue));
                int n = stream.Read(span);
                total += n;
                if (n < span.Length)
                    break;
            }
        }
        catch (IOException)
        {
            return total > 0 ? WasiErrno.Success : WasiErrno.Io;
        }
        return WasiErrno.Success;
    }

    private static WasiErrno StreamWrite(Stream stream, HostIovec[] iov, out long total)
    {
        total = 0;
        try
        {
            foreach (var v in iov)
            {
                var span = new ReadOnlySpan<byte>((void*)v.Base, (int)Math.Min(v.Length, int.MaxValue));
                stream.Write(span);
                total += span.Length;
            }
            // The guest may never exit cleanly: what it wrote must already be visible.
            stream.Flush();
        }
        catch (IOException)
        {
            return total > 0 ? WasiErrno.Success : WasiErrno.Io;
        }
        return WasiErrno.Success;
    }

    public WasiErrno FdSeek(Memory memory, uint fd, long offset, uint whence, uint newOffsetPtr)
    {
        // Asking where one is (offset 0 from the current position) needs only the right to tell.
        var rights = offset == 0 && whence == WasiFlags.WhenceCur ? WasiRights.FdTell : WasiRights.FdSeek;
        var e = GetHost(fd, rights, WasiErrno.SPipe, out var h);
        if (e != WasiErrno.Success)
            return e;
        long r = WasiSys.kilnrt_wasi_seek(h.Fd, offset, whence);
        if (r < 0)
            return WasiSys.Errno(r);
        GuestMemory.WriteU64(memory, newOffsetPtr, (ulong)r);
        return WasiErrno.Success;
    }

    public WasiErrno FdTell(Memory memory, uint fd, uint offsetPtr)
    {
        var e = GetHost(fd, WasiRights.FdTell, WasiErrno.SPipe, out var h);
        if (e != WasiErrno.Success)
            return e;
        long r = WasiSys.kilnrt_wasi_seek(h.Fd, 0, WasiFlags.WhenceCur);
        if (r < 0)
            return WasiSys.Errno(r);
        GuestMemory.WriteU64(memory, offsetPtr, (ulong)r);
        return WasiErrno.Success;
    }

    public WasiErrno FdAdvise(uint fd, ulong offset, ulong length, uint advice)
    {
        var e = GetHost(fd, WasiRights.FdAdvise, WasiErrno.SPipe, out var h);
        return e != WasiErrno.Success ? e : Result(WasiSys.kilnrt_wasi_advise(h.Fd, offset, length, advice));
    }

    public WasiErrno FdAllocate(uint fd, ulong offset, ulong length)
    {
        var e = GetHost(fd, WasiRights.FdAllocate, WasiErrno.SPipe, out var h);
        return e != WasiErrno.Success ? e : Result(WasiSys.kilnrt_wasi_allocate(h.Fd, offset, length));
    }

    public WasiErrno FdDatasync(uint fd) => Sync(fd, WasiRights.FdDatasync, dataOnly: true);

    public WasiErrno FdSync(uint fd) => Sync(fd, WasiRights.FdSync, dataOnly: false);

    private WasiErrno Sync(uint fd, WasiRights right, bool dataOnly)
    {
        var e = Get(fd, right, out var d);
        if (e != WasiErrno.Success)
            return e;
        if (d is StreamDescriptor s)
        {
            s.Stream.Flush();
            return WasiErrno.Success;
        }
        return Result(WasiSys.kilnrt_wasi_sync(((HostDescriptor)d).Fd, dataOnly ? 1 : 0));
    }

    public WasiErrno FdClose(uint fd)
    {
        var d = table.Remove(fd);
        if (d is null)
            return WasiErrno.BadF;
        d.Dispose();
        return WasiErrno.Success;
    }

    public WasiErrno FdRenumber(uint from, uint to)
    {
        if (!table.TryGet(from, out var d) || !table.TryGet(to, out _))
            return WasiErrno.BadF;
        if (from == to)
            return WasiErrno.Success;
        table.Remove(to)!.Dispose();
        table.Remove(from);
        table.Set(to, d);
        return WasiErrno.Success;
    }

    public WasiErrno FdFdstatGet(Memory memory, uint fd, uint statPtr)
    {
        if (!table.TryGet(fd, out var d))
            return WasiErrno.BadF;
        GuestMemory.Check(memory, statPtr, WasiLayout.FdstatSize);
        int flags = d is HostDescriptor h ? WasiSys.kilnrt_wasi_get_fdflags(h.Fd) : 0;
        Span<byte> stat = stackalloc byte[WasiLayout.FdstatSize];
        stat.Clear();
        stat[0] = (byte)d.FileType;
        BitConverter.TryWriteBytes(stat[WasiLayout.FdstatFlags..], (ushort)Math.Max(flags, 0));
        BitConverter.TryWriteBytes(stat[WasiLayout.FdstatRightsBase..], (ulong)d.Base);
        BitConverter.TryWriteBytes(stat[WasiLayout.FdstatRightsInheriting..], (ulong)d.Inheriting);
        memory.Write(statPtr, stat);
        return WasiErrno.Success;
    }

    public WasiErrno FdFdstatSetFlags(uint fd, uint flags)
    {
        var e = Get(fd, WasiRights.FdFdstatSetFlags, out var d);
        if (e != WasiErrno.Success)
            return e;
        if (d is HostDescriptor h)
            return Result(WasiSys.kilnrt_wasi_set_fdflags(h.Fd, flags));
        return flags == 0 ? WasiErrno.Success : WasiErrno.NotSup;
    }

    public WasiErrno FdFdstatSetRights(uint fd, ulong rightsBase, ulong rightsInheriting)
    {
        if (!table.TryGet(fd, out var d))
            return WasiErrno.BadF;
        var newBase = (WasiRights)rightsBase;
        var newInheriting = (WasiRights)rightsInheriting;
        // Rights can only be dropped, never gained.
        if ((newBase & ~d.Base) != 0 || (newInheriting & ~d.Inheriting) != 0)
            return WasiErrno.NotCapable;
        d.Base = newBase;
        d.Inheriting = newInheriting;
        return WasiErrno.Success;
    }

    public WasiErrno FdFilestatGet(Memory memory, uint fd, uint statPtr)
    {
        var e = Get(fd, WasiRights.FdFilestatGet, out var d);
        if (e != WasiErrno.Success)
            return e;
        GuestMemory.Check(memory, statPtr, WasiLayout.FilestatSize);
        byte* stat = stackalloc byte[WasiLayout.FilestatSize];
        new Span<byte>(stat, WasiLayout.FilestatSize).Clear();
        if (d is HostDescriptor h)
        {
            int r = WasiSys.kilnrt_wasi_fstat(h.Fd, stat);
            if (r < 0)
                return WasiSys.Errno(r);
        }
        else
        {
            stat[16] = (byte)d.FileType;
        }
        memory.Write(statPtr, new ReadOnlySpan<byte>(stat, WasiLayout.FilestatSize));
        return WasiErrno.Success;
    }

    public WasiErrno FdFilestatSetSize(uint fd, ulong size)
    {
        var e = GetHost(fd, WasiRights.FdFilestatSetSize, WasiErrno.Inval, out var h);
        return e != WasiErrno.Success ? e : Result(WasiSys.kilnrt_wasi_truncate(h.Fd, size));
    }

    public WasiErrno FdFilestatSetTimes(uint fd, ulong atim, ulong mtim, uint fstflags)
    {
        var e = GetHost(fd, WasiRights.FdFilestatSetTimes, WasiErrno.BadF, out var h);
        return e != WasiErrno.Success ? e : Result(WasiSys.kilnrt_wasi_set_times(h.Fd, atim, mtim, fstflags));
    }

    public WasiErrno FdPrestatGet(Memory memory, uint fd, uint prestatPtr)
    {
        if (!table.TryGet(fd, out var d) || d.PreopenName is not { } name)
            return WasiErrno.BadF;
        GuestMemory.Check(memory, prestatPtr, WasiLayout.PrestatSize);
        GuestMemory.WriteU32(memory, prestatPtr, WasiFlags.PreopenDir); // tag, then padding
        GuestMemory.WriteU32(memory, prestatPtr + WasiLayout.PrestatNameLength, (uint)Encoding.UTF8.GetByteCount(name));
        return WasiErrno.Success;
    }

    public WasiErrno FdPrestatDirName(Memory memory, uint fd, uint path, uint pathLength)
    {
        if (!table.TryGet(fd, out var d) || d.PreopenName is not { } name)
            return WasiErrno.BadF;
        var bytes = Encoding.UTF8.GetBytes(name);
        if (pathLength < bytes.Length)
            return WasiErrno.NameTooLong;
        memory.Write(path, bytes);
        return WasiErrno.Success;
    }

    private static WasiErrno Result(long r) => r < 0 ? WasiSys.Errno(r) : WasiErrno.Success;
}
