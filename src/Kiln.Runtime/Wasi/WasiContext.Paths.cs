using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi;

// path_* and fd_readdir: everything that names things in a directory. Full paths go through openat2 beneath the
// directory fd; single-name operations through ParentDirectory (see Sandbox/).
public sealed unsafe partial class WasiContext
{
    public WasiErrno PathOpen(
        Memory memory, uint fd, uint dirflags, uint path, uint pathLength, uint oflags, ulong rightsBase,
        ulong rightsInheriting, uint fdflags, uint openedFdPtr)
    {
        var e = GetDirectory(fd, WasiRights.PathOpen, out var dir);
        if (e != WasiErrno.Success)
            return e;
        var needed = ((oflags & WasiFlags.OCreat) != 0 ? WasiRights.PathCreateFile : 0)
            | ((oflags & WasiFlags.OTrunc) != 0 ? WasiRights.PathFilestatSetSize : 0);
        if (!dir.Has(needed))
            return WasiErrno.NotCapable;
        e = GuestMemory.ReadString(memory, path, pathLength, out var bytes);
        if (e != WasiErrno.Success)
            return e;
        GuestMemory.Check(memory, openedFdPtr, 4);

        // Rights the directory cannot hand down are dropped, except that asking to read or write where that is not
        // allowed (a read-only preopen) is refused outright.
        var requested = (WasiRights)rightsBase;
        var granted = requested & dir.Inheriting;
        var io = WasiRightSets.Reading | WasiRightSets.Writing;
        if ((requested & io) != (granted & io))
            return WasiErrno.NotCapable;
        bool append = (fdflags & WasiFlags.FdAppend) != 0;
        if (append && !dir.Inheriting.HasFlag(WasiRights.FdWrite))
            return WasiErrno.NotCapable;
        uint access = ((granted & WasiRightSets.Reading) != 0 ? WasiSys.AccessRead : 0)
            | ((granted & WasiRightSets.Writing) != 0 || append ? WasiSys.AccessWrite : 0);
        // A directory is opened for reading whatever rights come with it (its writes are path operations).
        if ((oflags & WasiFlags.ODirectory) != 0)
            access = WasiSys.AccessRead;

        bool follow = (dirflags & WasiFlags.LookupSymlinkFollow) != 0;
        int hostFd = Beneath.Open(dir.Fd, bytes, oflags, fdflags, access, follow);
        if (hostFd < 0)
            return WasiSys.Errno(hostFd);
        var handle = new HostFdHandle(hostFd, ownsHandle: true);
        var type = TypeOf(hostFd);
        var opened = new HostDescriptor(handle, type)
        {
            Base = granted & WasiRightSets.For(type),
            Inheriting = (WasiRights)rightsInheriting & dir.Inheriting,
        };
        e = table.Add(opened, out uint newFd);
        if (e != WasiErrno.Success)
        {
            opened.Dispose();
            return e;
        }
        GuestMemory.WriteU32(memory, openedFdPtr, newFd);
        return WasiErrno.Success;
    }

    public WasiErrno PathFilestatGet(Memory memory, uint fd, uint flags, uint path, uint pathLength, uint statPtr)
    {
        var e = GetDirectory(fd, WasiRights.PathFilestatGet, out var dir);
        if (e != WasiErrno.Success)
            return e;
        e = GuestMemory.ReadString(memory, path, pathLength, out var bytes);
        if (e != WasiErrno.Success)
            return e;
        GuestMemory.Check(memory, statPtr, WasiLayout.FilestatSize);
        int target = Beneath.OpenPath(dir.Fd, bytes, (flags & WasiFlags.LookupSymlinkFollow) != 0);
        if (target < 0)
            return WasiSys.Errno(target);
        byte* stat = stackalloc byte[WasiLayout.FilestatSize];
        int r = WasiSys.kilnrt_wasi_fstat(target, stat);
        WasiSys.kilnrt_wasi_close(target);
        if (r < 0)
            return WasiSys.Errno(r);
        memory.Write(statPtr, new ReadOnlySpan<byte>(stat, WasiLayout.FilestatSize));
        return WasiErrno.Success;
    }

    public WasiErrno PathFilestatSetTimes(
        Memory memory, uint fd, uint flags, uint path, uint pathLength, ulong atim, ulong mtim, uint fstflags)
    {
        var e = GetDirectory(fd, WasiRights.PathFilestatSetTimes, out var dir);
        if (e != WasiErrno.Success)
            return e;
        e = GuestMemory.ReadString(memory, path, pathLength, out var bytes);
        if (e != WasiErrno.Success)
            return e;
        int target = Beneath.OpenPath(dir.Fd, bytes, (flags & WasiFlags.LookupSymlinkFollow) != 0);
        if (target < 0)
            return WasiSys.Errno(target);
        int r = WasiSys.kilnrt_wasi_set_times(target, atim, mtim, fstflags);
        WasiSys.kilnrt_wasi_close(target);
        return Result(r);
    }

    public WasiErrno PathCreateDirectory(Memory memory, uint fd, uint path, uint pathLength) =>
        WithParent(memory, fd, WasiRights.PathCreateDirectory, path, pathLength, p =>
        {
            fixed (byte* name = p.Name)
                return Result(WasiSys.kilnrt_wasi_mkdir_at(p.Fd, name));
        });

    public WasiErrno PathRemoveDirectory(Memory memory, uint fd, uint path, uint pathLength) =>
        WithParent(memory, fd, WasiRights.PathRemoveDirectory, path, pathLength, p =>
        {
            fixed (byte* name = p.Name)
                return Result(WasiSys.kilnrt_wasi_unlink_at(p.Fd, name, 1));
        });

    public WasiErrno PathUnlinkFile(Memory memory, uint fd, uint path, uint pathLength) =>
        WithParent(memory, fd, WasiRights.PathUnlinkFile, path, pathLength, p =>
        {
            // "name/" names a directory, which unlink never removes.
            if (p.TrailingSlash)
                return IsDirectory(p, out var e) ? WasiErrno.IsDir : e == WasiErrno.Success ? WasiErrno.NotDir : e;
            fixed (byte* name = p.Name)
                return Result(WasiSys.kilnrt_wasi_unlink_at(p.Fd, name, 0));
        });

    public WasiErrno PathSymlink(Memory memory, uint oldPath, uint oldPathLength, uint fd, uint newPath, uint newPathLength)
    {
        // The target is stored as given: following it later is what the sandbox checks, not creating it.
        var e = GuestMemory.ReadString(memory, oldPath, oldPathLength, out var target);
        if (e != WasiErrno.Success)
            return e;
        return WithParent(memory, fd, WasiRights.PathSymlink, newPath, newPathLength, p =>
        {
            fixed (byte* t = target)
            fixed (byte* name = p.TrailingSlash ? p.NameWithSlash() : p.Name)
                return Result(WasiSys.kilnrt_wasi_symlink_at(t, p.Fd, name));
        });
    }

    public WasiErrno PathReadlink(Memory memory, uint fd, uint path, uint pathLength, uint buffer, uint bufferLength, uint bufusedPtr)
    {
        GuestMemory.Check(memory, buffer, bufferLength);
        GuestMemory.Check(memory, bufusedPtr, 4);
        return WithParent(memory, fd, WasiRights.PathReadlink, path, pathLength, p =>
        {
            if (p.TrailingSlash)
            {
                // "link/" means the directory the link leads to, which is not a link.
                return IsDirectory(p, out var e, follow: true) ? WasiErrno.Inval : e == WasiErrno.Success ? WasiErrno.NotDir : e;
            }
            long n;
            fixed (byte* name = p.Name)
                n = WasiSys.kilnrt_wasi_readlink_at(p.Fd, name, (byte*)(memory.BaseAddress + (nint)buffer), bufferLength);
            if (n < 0)
                return WasiSys.Errno(n);
            GuestMemory.WriteU32(memory, bufusedPtr, (uint)n);
            return WasiErrno.Success;
        });
    }

    public WasiErrno PathRename(Memory memory, uint fd, uint oldPath, uint oldPathLength, uint newFd, uint newPath, uint newPathLength) =>
        WithParents(memory, fd, WasiRights.PathRenameSource, oldPath, oldPathLength, newFd, WasiRights.PathRenameTarget, newPath, newPathLength, (from, to) =>
        {
            if ((from.TrailingSlash || to.TrailingSlash) && !IsDirectory(from, out var e))
                return e == WasiErrno.Success ? WasiErrno.NotDir : e;
            fixed (byte* a = from.Name)
            fixed (byte* b = to.Name)
                return Result(WasiSys.kilnrt_wasi_rename_at(from.Fd, a, to.Fd, b));
        });

    public WasiErrno PathLink(Memory memory, uint oldFd, uint oldFlags, uint oldPath, uint oldPathLength, uint newFd, uint newPath, uint newPathLength)
    {
        // Following a final symlink would need the host to resolve it outside our control (as wasmtime: EINVAL).
        if ((oldFlags & WasiFlags.LookupSymlinkFollow) != 0)
            return WasiErrno.Inval;
        return WithParents(memory, oldFd, WasiRights.PathLinkSource, oldPath, oldPathLength, newFd, WasiRights.PathLinkTarget, newPath, newPathLength, (from, to) =>
        {
            if (from.TrailingSlash)
                return IsDirectory(from, out var e) ? WasiErrno.Perm : e == WasiErrno.Success ? WasiErrno.NotDir : e;
            fixed (byte* a = from.Name)
            fixed (byte* b = to.TrailingSlash ? to.NameWithSlash() : to.Name)
                return Result(WasiSys.kilnrt_wasi_link_at(from.Fd, a, to.Fd, b));
        });
    }

    public WasiErrno FdReaddir(Memory memory, uint fd, uint buffer, uint bufferLength, ulong cookie, uint bufusedPtr)
    {
        var e = GetDirectory(fd, WasiRights.FdReaddir, out var dir);
        if (e != WasiErrno.Success)
            return e;
        GuestMemory.Check(memory, buffer, bufferLength);
        GuestMemory.Check(memory, bufusedPtr, 4);
        if (cookie == 0 || dir.Listing is null)
        {
            e = DirectoryListing.Read(dir.Fd, out var listing);
            if (e != WasiErrno.Success)
                return e;
            dir.Listing = listing;
        }
        uint used = DirectoryListing.Write(dir.Listing, cookie, memory, buffer, bufferLength);
        GuestMemory.WriteU32(memory, bufusedPtr, used);
        return WasiErrno.Success;
    }

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

    private WasiErrno WithParent(Memory memory, uint fd, WasiRights right, uint path, uint pathLength, Func<ParentDirectory, WasiErrno> operation)
    {
        var e = GetDirectory(fd, right, out var dir);
        if (e != WasiErrno.Success)
            return e;
        e = GuestMemory.ReadString(memory, path, pathLength, out var bytes);
        if (e != WasiErrno.Success)
            return e;
        e = ParentDirectory.Open(dir.Fd, bytes, out var parent);
        if (e != WasiErrno.Success)
            return e;
        using (parent)
            return operation(parent!);
    }

    private WasiErrno WithParents(
        Memory memory, uint fromFd, WasiRights fromRight, uint fromPath, uint fromLength, uint toFd, WasiRights toRight,
        uint toPath, uint toLength, Func<ParentDirectory, ParentDirectory, WasiErrno> operation)
    {
        var e = GetDirectory(fromFd, fromRight, out var fromDir);
        if (e != WasiErrno.Success)
            return e;
        e = GetDirectory(toFd, toRight, out var toDir);
        if (e != WasiErrno.Success)
            return e;
        e = GuestMemory.ReadString(memory, fromPath, fromLength, out var fromBytes);
        if (e != WasiErrno.Success)
            return e;
        e = GuestMemory.ReadString(memory, toPath, toLength, out var toBytes);
        if (e != WasiErrno.Success)
            return e;
        e = ParentDirectory.Open(fromDir.Fd, fromBytes, out var from);
        if (e != WasiErrno.Success)
            return e;
        using (from)
        {
            e = ParentDirectory.Open(toDir.Fd, toBytes, out var to);
            if (e != WasiErrno.Success)
                return e;
            using (to)
                return operation(from!, to!);
        }
    }
}
