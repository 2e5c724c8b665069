namespace Kiln.Runtime.Wasi.Preview2;

/// <summary>A <c>wasi:io/error.error</c>: why a stream operation failed (a host errno), readable as a debug string
/// and, for file streams, as a <c>wasi:filesystem</c> error code.</summary>
internal sealed class IoError(WasiErrno errno)
{
    public WasiErrno Errno { get; } = errno;

    public string DebugString => $"{ErrorCodes.Of(Errno)} (errno {(int)Errno})";
}
