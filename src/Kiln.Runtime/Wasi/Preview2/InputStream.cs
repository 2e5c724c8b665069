using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi.Preview2;

/// <summary>
/// A <c>wasi:io/streams.input-stream</c>. <see cref="Read"/> gives the bytes read (empty when nothing is ready
/// and the read may not block), null at the end of the stream, or an errno when the read failed.
/// </summary>
internal abstract class InputStream : IDisposable
{
    public abstract byte[]? Read(ulong length, bool blocking, out WasiErrno error);

    public abstract Pollable Subscribe();

    public virtual void Dispose() { }

    /// <summary>At most this much is read by one call (the guest asks for up to 2^64-1).</summary>
    protected const int MaxChunk = 1 << 20;
}

/// <summary>stdin from a .NET stream (always ready; reads may block as the stream does) or an inherited host fd.</summary>
internal sealed unsafe class StdioInputStream(WasiStdio stdio) : InputStream
{
    public override byte[]? Read(ulong length, bool blocking, out WasiErrno error)
    {
        error = WasiErrno.Success;
        int n = (int)Math.Min(length, MaxChunk);
        if (n == 0) return [];
        var buffer = new byte[n];
        int got;
        if (stdio.Stream is { } stream)
        {
            try
            {
                got = stream.Read(buffer);
            }
            catch (IOException)
            {
                error = WasiErrno.Io;
                return null;
            }
        }
        else
        {
            if (!blocking && !FdPollable.Check(stdio.HostFd, WasiSys.PollRead, 0)) return [];
            long r;
            fixed (byte* p = buffer)
            {
                var iov = new HostIovec { Base = (nint)p, Length = (nuint)n };
                r = WasiSys.kilnrt_wasi_readv(stdio.HostFd, &iov, 1);
            }
            if (r < 0)
            {
                error = WasiSys.Errno(r);
                return null;
            }
            got = (int)r;
        }
        return got == 0 ? null : buffer.AsSpan(0, got).ToArray();
    }

    public override Pollable Subscribe() =>
        stdio.Stream is null ? new FdPollable(null, stdio.HostFd, WasiSys.PollRead) : ReadyPollable.Instance;
}

/// <summary>A file read from an offset on (<c>read-via-stream</c>); keeps the file open while it lives.</summary>
internal sealed unsafe class FileInputStream : InputStream
{
    private readonly Descriptor _file;
    private ulong _offset;

    public FileInputStream(Descriptor file, ulong offset)
    {
        _file = file.Share();
        _offset = offset;
    }

    public override byte[]? Read(ulong length, bool blocking, out WasiErrno error)
    {
        var buffer = new byte[(int)Math.Min(length, MaxChunk)];
        long r = _file.PRead(buffer, _offset);
        if (r < 0)
        {
            error = WasiSys.Errno(r);
            return null;
        }
        error = WasiErrno.Success;
        if (r == 0 && buffer.Length > 0) return null;
        _offset += (ulong)r;
        return buffer.AsSpan(0, (int)r).ToArray();
    }

    public override Pollable Subscribe() => ReadyPollable.Instance;

    public override void Dispose() => _file.Dispose();
}
