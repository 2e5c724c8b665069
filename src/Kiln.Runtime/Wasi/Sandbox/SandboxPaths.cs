using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi;

/// <summary>
/// The file-system operations on a path below a directory fd, sandboxed (see README "Sandboxing"), shared by the
/// preview1 and 0.2 hosts: each API checks its own capabilities and reads its own arguments, then calls these with
/// the directory's host fd and the path as NUL-terminated bytes. Whole paths resolve through <see cref="Beneath"/>,
/// single-name operations through <see cref="ParentDirectory"/>. Results are preview1 errnos (the 0.2 host maps
/// them to <c>wasi:filesystem</c> error codes).
/// </summary>
internal static unsafe class SandboxPaths
{
    /// <summary>fstat of the target (following a final symlink only when asked) into <paramref name="stat"/>
    /// (<see cref="WasiLayout.FilestatSize"/> bytes).</summary>
    public static WasiErrno Stat(int dirFd, byte[] path, bool follow, byte* stat)
    {
        int target = Beneath.OpenPath(dirFd, path, follow);
        if (target < 0)
            return WasiSys.Errno(target);
        int r = WasiSys.kilnrt_wasi_fstat(target, stat);
        WasiSys.kilnrt_wasi_close(target);
        return Result(r);
    }

    /// <summary>Sets the target's times (preview1 fstflags), on an O_PATH fd so the path is resolved once.</summary>
    public static WasiErrno SetTimes(int dirFd, byte[] path, bool follow, ulong atim, ulong mtim, uint fstflags)
    {
        int target = Beneath.OpenPath(dirFd, path, follow);
        if (target < 0)
            return WasiSys.Errno(target);
        int r = WasiSys.kilnrt_wasi_set_times(target, atim, mtim, fstflags);
        WasiSys.kilnrt_wasi_close(target);
        return Result(r);
    }

    public static WasiErrno CreateDirectory(int dirFd, byte[] path) =>
        WithParent(dirFd, path, p =>
        {
            fixed (byte* name = p.Name)
                return Result(WasiSys.kilnrt_wasi_mkdir_at(p.Fd, name));
        });

    public static WasiErrno RemoveDirectory(int dirFd, byte[] path) =>
        WithParent(dirFd, path, p =>
        {
            fixed (byte* name = p.Name)
                return Result(WasiSys.kilnrt_wasi_unlink_at(p.Fd, name, 1));
        });

    public static WasiErrno UnlinkFile(int dirFd, byte[] path) =>
        WithParent(dirFd, path, p =>
        {
            // "name/" names a directory, which unlink never removes.
            if (p.TrailingSlash)
                return IsDirectory(p, out var e) ? WasiErrno.IsDir : e == WasiErrno.Success ? WasiErrno.NotDir : e;
            fixed (byte* name = p.Name)
                return Result(WasiSys.kilnrt_wasi_unlink_at(p.Fd, name, 0));
        });

    /// <summary>Creates a symlink holding <paramref name="target"/> as given: following it later is what the
    /// sandbox checks, not creating it.</summary>
    public static WasiErrno Symlink(byte[] target, int dirFd, byte[] path) =>
        WithParent(dirFd, path, p =>
        {
            fixed (byte* t = target)
            fixed (byte* name = p.TrailingSlash ? p.NameWithSlash() : p.Name)
                return Result(WasiSys.kilnrt_wasi_symlink_at(t, p.Fd, name));
        });

    /// <summary>readlink into [buffer, buffer + size); <paramref name="used"/> is the length read.</summary>
    public static WasiErrno Readlink(int dirFd, byte[] path, byte* buffer, ulong size, out ulong used)
    {
        ulong n = 0;
        var e = WithParent(dirFd, path, p =>
        {
            if (p.TrailingSlash)
            {
                // "link/" means the directory the link leads to, which is not a link.
                return IsDirectory(p, out var e, follow: true) ? WasiErrno.Inval : e == WasiErrno.Success ? WasiErrno.NotDir : e;
            }
            long r;
            fixed (byte* name = p.Name)
                r = WasiSys.kilnrt_wasi_readlink_at(p.Fd, name, buffer, size);
            if (r < 0)
                return WasiSys.Errno(r);
            n = (ulong)r;
            return WasiErrno.Success;
        });
        used = n;
        return e;
    }

    public static WasiErrno Rename(int fromDirFd, byte[] fromPath, int toDirFd, byte[] toPath) =>
        WithParents(fromDirFd, fromPath, toDirFd, toPath, (from, to) =>
        {
            if ((from.TrailingSlash || to.TrailingSlash) && !IsDirectory(from, out var e))
                return e == WasiErrno.Success ? WasiErrno.NotDir : e;
            fixed (byte* a = from.Name)
            fixed (byte* b = to.Name)
                return Result(WasiSys.kilnrt_wasi_rename_at(from.Fd, a, to.Fd, b));
        });

    /// <summary>Links the last component itself: following a final symlink would need the host to resolve it
    /// outside the sandbox's control (the callers refuse that with EINVAL, as wasmtime).</summary>
    public static WasiErrno Link(int fromDirFd, byte[] fromPath, int toDirFd, byte[] toPath) =>
        WithParents(fromDirFd, fromPath, toDirFd, toPath, (from, to) =>
        {
            if (from.TrailingSlash)
                return IsDirectory(from, out var e) ? WasiErrno.Perm : e == WasiErrno.Success ? WasiErrno.NotDir : e;
            fixed (byte* a = from.Name)
            fixed (byte* b = to.TrailingSlash ? to.NameWithSlash() : to.Name)
                return Result(WasiSys.kilnrt_wasi_link_at(from.Fd, a, to.Fd, b));
        });

    /// <summary>Whether the parent's entry is a directory (following a final symlink beneath only if asked).</summary>
    private static bool IsDirectory(ParentDirectory p, out WasiErrno error, bool follow = false)
    {
        byte* stat = stackalloc byte[WasiLayout.FilestatSize];
        int r;
        if (follow)
        {
            int target = Beneath.OpenPath(p.Fd, p.Name, follow: true);
            r = target;
            if (target >= 0)
            {
                r = WasiSys.kilnrt_wasi_fstat(target, stat);
                WasiSys.kilnrt_wasi_close(target);
            }
        }
        else
        {
            fixed (byte* name = p.Name)
                r = WasiSys.kilnrt_wasi_lstat_at(p.Fd, name, stat);
        }
        error = r < 0 ? WasiSys.Errno(r) : WasiErrno.Success;
        return r >= 0 && stat[16] == (byte)WasiFileType.Directory;
    }

    private static WasiErrno WithParent(int dirFd, byte[] path, Func<ParentDirectory, WasiErrno> operation)
    {
        var e = ParentDirectory.Open(dirFd, path, out var parent);
        if (e != WasiErrno.Success)
            return e;
        using (parent)
            return operation(parent!);
    }

    private static WasiErrno WithParents(int fromDirFd, byte[] fromPath, int toDirFd, byte[] toPath, Func<ParentDirectory, ParentDirectory, WasiErrno> operation)
    {
        var e = ParentDirectory.Open(fromDirFd, fromPath, out var from);
        if (e != WasiErrno.Success)
            return e;
        using (from)
        {
            e = ParentDirectory.Open(toDirFd, toPath, out var to);
            if (e != WasiErrno.Success)
                return e;
            using (to)
                return operation(from!, to!);
        }
    }

    /// <summary>The WASI file type of a host fd (unknown when it cannot be inspected).</summary>
    public static WasiFileType TypeOf(int fd)
    {
        byte* stat = stackalloc byte[WasiLayout.FilestatSize];
        return WasiSys.kilnrt_wasi_fstat(fd, stat) == 0 ? (WasiFileType)stat[16] : WasiFileType.Unknown;
    }

    /// <summary>Opens a preopen's host directory; throws when it cannot be opened.</summary>
    public static HostFdHandle OpenPreopen(WasiPreopen preopen)
    {
        int fd = WasiSys.kilnrt_wasi_open_host_dir(preopen.HostPath);
        if (fd < 0)
            throw new DirectoryNotFoundException($"wasi: cannot open the preopened directory \"{preopen.HostPath}\" ({WasiSys.Errno(fd)})");
        return new HostFdHandle(fd, ownsHandle: true);
    }

    /// <summary>Whether one of the process's own stdio fds is a terminal (other fds are never reported as one).</summary>
    public static bool IsTerminal(int fd) => fd switch
    {
        0 => !Console.IsInputRedirected,
        1 => !Console.IsOutputRedirected,
        2 => !Console.IsErrorRedirected,
        _ => false,
    };

    public static WasiErrno Result(long r) => r < 0 ? WasiSys.Errno(r) : WasiErrno.Success;
}
