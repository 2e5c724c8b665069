namespace Kiln.Runtime.Wasi;

/// <summary>
/// What one of the guest's fds 0, 1 and 2 is connected to: a .NET stream (captured output, scripted input), a
/// host file descriptor shared with the embedder's process (never closed by Kiln), or nothing (reads see end of
/// file, writes are discarded).
/// </summary>
public sealed class WasiStdio
{
    private WasiStdio(Stream? stream, int hostFd)
    {
        Stream = stream;
        HostFd = hostFd;
    }

    /// <summary>Reads see end of file; writes succeed and are discarded.</summary>
    public static WasiStdio Null { get; } = new(System.IO.Stream.Null, -1);

    /// <summary>The stream, or null for a host fd.</summary>
    public Stream? Stream { get; }

    /// <summary>The host fd, or -1 for a stream.</summary>
    public int HostFd { get; }

    /// <summary>The embedder's own stdin/stdout/stderr (host fds 0, 1, 2).</summary>
    public static WasiStdio Inherit(int hostFd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hostFd);
        return new(null, hostFd);
    }

    /// <summary>A stream; the guest's reads and writes go to it (the embedder keeps ownership).</summary>
    public static WasiStdio FromStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new(stream, -1);
    }
}
