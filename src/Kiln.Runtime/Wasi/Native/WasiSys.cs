using System.Runtime.InteropServices;
using Kiln.Runtime.Native;

namespace Kiln.Runtime.Wasi.Native;

/// <summary>
/// Binding for runtime-native/include/kilnrt_wasi.h. Every function returns a value &gt;= 0 on success or minus a
/// WASI errno; flag arguments are WASI bit sets. Paths are NUL-terminated byte strings.
/// </summary>
internal static unsafe partial class WasiSys
{
    public const uint AccessRead = 1, AccessWrite = 2, AccessPath = 4;
    public const uint PollRead = 1, PollWrite = 2, PollHangup = 4, PollError = 8;

    // The library is found through NativeRuntime's resolver, which its static constructor installs.
    static WasiSys() => _ = NativeRuntime.LibraryHandle;

    /// <summary>Errno of a negative result.</summary>
    public static WasiErrno Errno(long result) => (WasiErrno)(ushort)(-result);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_open(int dirfd, byte* path, uint oflags, uint fdflags, uint access, int follow);

    [LibraryImport(NativeRuntime.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int kilnrt_wasi_open_host_dir(string hostPath);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_close(int fd);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_fstat(int fd, byte* filestat64);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_lstat_at(int dirfd, byte* name, byte* filestat64);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_set_times(int fd, ulong atim, ulong mtim, uint fstflags);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial long kilnrt_wasi_readv(int fd, HostIovec* iov, int count);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial long kilnrt_wasi_writev(int fd, HostIovec* iov, int count);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial long kilnrt_wasi_preadv(int fd, HostIovec* iov, int count, ulong offset);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial long kilnrt_wasi_pwritev(int fd, HostIovec* iov, int count, ulong offset);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial long kilnrt_wasi_seek(int fd, long offset, uint whence);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_sync(int fd, int dataOnly);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_truncate(int fd, ulong size);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_allocate(int fd, ulong offset, ulong len);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_advise(int fd, ulong offset, ulong len, uint advice);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_get_fdflags(int fd);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_set_fdflags(int fd, uint fdflags);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial long kilnrt_wasi_getdents(int fd, byte* buffer, ulong size);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_mkdir_at(int dirfd, byte* name);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_unlink_at(int dirfd, byte* name, int removeDir);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_rename_at(int oldDirfd, byte* oldName, int newDirfd, byte* newName);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_link_at(int oldDirfd, byte* oldName, int newDirfd, byte* newName);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_symlink_at(byte* target, int dirfd, byte* name);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial long kilnrt_wasi_readlink_at(int dirfd, byte* name, byte* buffer, ulong size);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_clock_time(uint id, ulong* nanoseconds);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_clock_res(uint id, ulong* nanoseconds);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_poll(HostPollFd* fds, int count, long timeoutNs);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_is_socket(int fd);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_accept(int fd, uint fdflags);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial long kilnrt_wasi_recv(int fd, HostIovec* iov, int count, uint riflags, uint* roflags);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial long kilnrt_wasi_send(int fd, HostIovec* iov, int count);

    [LibraryImport(NativeRuntime.LibraryName)]
    public static partial int kilnrt_wasi_shutdown(int fd, uint how);
}
