using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi.Preview2;

/// <summary>
/// A <c>wasi:io/streams.output-stream</c>. Writes complete before they return (the host has no write buffer of its
/// own), so flushing only flushes what a .NET stream buffers and the stream is always ready for
/// <see cref="Permit"/> more bytes. <see cref="Write"/> returns the errno of a failed write
/// (<see cref="WasiErrno.Pipe"/> when the other end is gone: the stream is closed).
/// </summary>
internal abstract class OutputStream : IDisposable
{
    /// <summary>What check-write allows at a time (as Wasmtime's host streams, a few pages).</summary>
    public const ulong Permit = 1 << 20;

    public abstract WasiErrno Write(ReadOnlySpan<byte> bytes);

    public virtual WasiErrno Flush() => WasiErrno.Success;

    public virtual Pollable Subscribe() => ReadyPollable.Instance;

    public virtual void Dispose() { }

    /// <summary>Writes all of <paramref name="bytes"/> to a host fd, at <paramref name="offset"/> when given.</summary>
    protected static unsafe WasiErrno WriteAll(int fd, ReadOnlySpan<byte> bytes, ulong? offset)
    {
        fixed (byte* start = bytes)
        {
            int done = 0;
            while (done < bytes.Length)
            {
                var iov = new HostIovec { Base = (nint)(start + done), Length = (nuint)(bytes.Length - done) };
                long r = offset is { } at ? WasiSys.kilnrt_wasi_pwritev(fd, &iov, 1, at + (ulong)done) : WasiSys.kilnrt_wasi_writev(fd, &iov, 1);
                if (r < 0)
                {
                    if (WasiSys.Errno(r) == WasiErrno.Intr) continue;
                    if (WasiSys.Errno(r) == WasiErrno.Again && FdPollable.Check(fd, WasiSys.PollWrite, -1)) continue;
                    return WasiSys.Errno(r);
                }
                done += (int)r;
            }
        }
        return WasiErrno.Success;
    }
}

/// <summary>stdout or stderr: a .NET stream (flushed after every write, so output is visible however the guest
/// ends) or an inherited host fd.</summary>
internal sealed class StdioOutputStream(WasiStdio stdio) : OutputStream
{
    public override WasiErrno Write(ReadOnlySpan<byte> bytes)
    {
        if (stdio.Stream is not { } stream) return WriteAll(stdio.HostFd, bytes, null);
        try
        {
            stream.Write(bytes);
            stream.Flush();
            return WasiErrno.Success;
        }
        catch (IOException)
        {
            return WasiErrno.Io;
        }
        catch (NotSupportedException)
        {
            return WasiErrno.Pipe;
        }
    }

    public override Pollable Subscribe() =>
        stdio.Stream is null ? new FdPollable(null, stdio.HostFd, WasiSys.PollWrite) : ReadyPollable.Instance;
}

/// <summary>A file written from an offset on (<c>write-via-stream</c>) or at its end (<c>append-via-stream</c>);
/// keeps the file open while it lives.</summary>
internal sealed unsafe class FileOutputStream : OutputStream
{
    private readonly Descriptor _file;
    private readonly bool _append;
    private ulong _offset;

    public FileOutputStream(Descriptor file, ulong offset, bool append)
    {
        _file = file.Share();
        _offset = offset;
        _append = append;
    }

    public override WasiErrno Write(ReadOnlySpan<byte> bytes)
    {
        if (_append)
        {
            // The end as it is now: another writer may have grown the file since the last write.
            var e = _file.Stat(out var stat);
            if (e != WasiErrno.Success) return e;
            _offset = stat.Size;
        }
        var r = WriteAll(_file.Fd, bytes, _offset);
        if (r == WasiErrno.Success) _offset += (ulong)bytes.Length;
        return r;
    }

    public override WasiErrno Flush() => WasiErrno.Success;

    public override void Dispose() => _file.Dispose();
}
