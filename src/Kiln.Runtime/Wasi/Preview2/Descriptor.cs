using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi.Preview2;

/// <summary>
/// A <c>wasi:filesystem/types.descriptor</c>: a host fd (file or directory) with what the guest may do with it.
/// Files carry the read/write mode they were opened with; directories carry whether the tree below may be
/// changed (<c>mutate-directory</c>; a read-only preopen never grants it). Streams and listings made from a
/// descriptor hold a reference on its fd (<see cref="Share"/>), so dropping the descriptor first leaves them
/// working, and the fd closes when the last of them goes.
/// </summary>
internal sealed unsafe class Descriptor : IDisposable
{
    private readonly HostFdHandle _handle;
    private bool _released;

    /// <summary>Takes a reference on <paramref name="handle"/> (the caller keeps or disposes its own).</summary>
    public Descriptor(HostFdHandle handle, WasiFileType type, bool read, bool write, bool mutate, bool append = false)
    {
        bool added = false;
        handle.DangerousAddRef(ref added);
        _handle = handle;
        Type = type;
        CanRead = read;
        CanWrite = write;
        CanMutate = mutate;
        Append = append;
    }

    public int Fd => _handle.Fd;
    public WasiFileType Type { get; }
    public bool IsDirectory => Type == WasiFileType.Directory;
    public bool CanRead { get; }
    public bool CanWrite { get; }
    public bool CanMutate { get; }
    public bool Append { get; }

    /// <summary>Another reference to the same open file.</summary>
    public Descriptor Share() => new(_handle, Type, CanRead, CanWrite, CanMutate, Append);

    public WasiErrno Stat(out FileStat stat)
    {
        byte* buffer = stackalloc byte[WasiLayout.FilestatSize];
        int r = WasiSys.kilnrt_wasi_fstat(Fd, buffer);
        stat = r < 0 ? default : FileStat.Read(new ReadOnlySpan<byte>(buffer, WasiLayout.FilestatSize));
        return SandboxPaths.Result(r);
    }

    /// <summary>pread into <paramref name="buffer"/>; bytes read or minus an errno.</summary>
    public long PRead(Span<byte> buffer, ulong offset)
    {
        if (buffer.IsEmpty) return 0;
        fixed (byte* p = buffer)
        {
            var iov = new HostIovec { Base = (nint)p, Length = (nuint)buffer.Length };
            long r;
            do r = WasiSys.kilnrt_wasi_preadv(Fd, &iov, 1, offset);
            while (r < 0 && WasiSys.Errno(r) == WasiErrno.Intr);
            return r;
        }
    }

    public void Dispose()
    {
        if (_released) return;
        _released = true;
        _handle.DangerousRelease();
    }
}
