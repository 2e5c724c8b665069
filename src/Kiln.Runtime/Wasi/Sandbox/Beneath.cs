using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi;

/// <summary>
/// Path resolution that cannot leave a directory: openat2 with RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS (in
/// runtime-native), so absolute paths, ".." above the start and symlinks pointing out fail in the kernel
/// (ENOTCAPABLE), whatever races with the walk.
/// </summary>
internal static unsafe class Beneath
{
    /// <summary>Opens <paramref name="path"/> (NUL-terminated) below <paramref name="dirFd"/>; returns fd or -errno.</summary>
    public static int Open(int dirFd, ReadOnlySpan<byte> path, uint oflags, uint fdflags, uint access, bool follow)
    {
        fixed (byte* p = path)
            return WasiSys.kilnrt_wasi_open(dirFd, p, oflags, fdflags, access, follow ? 1 : 0);
    }

    /// <summary>An O_PATH fd for <paramref name="path"/> (for stat, times, or as a parent directory).</summary>
    public static int OpenPath(int dirFd, ReadOnlySpan<byte> path, bool follow, bool directory = false) =>
        Open(dirFd, path, directory ? WasiFlags.ODirectory : 0, 0, WasiSys.AccessPath, follow);

    /// <summary>NUL-terminated copy of <paramref name="bytes"/>.</summary>
    public static byte[] Terminated(ReadOnlySpan<byte> bytes)
    {
        var result = new byte[bytes.Length + 1];
        bytes.CopyTo(result);
        return result;
    }
}
