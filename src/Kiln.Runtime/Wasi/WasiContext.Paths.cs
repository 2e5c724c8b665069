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
        byte* stat = stackalloc byte[WasiLayout.FilestatSize];
        e = SandboxPaths.Stat(dir.Fd, bytes, (flags & WasiFlags.LookupSymlinkFollow) != 0, stat);
        if (e != WasiErrno.Success)
            return e;
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
        return SandboxPaths.SetTimes(dir.Fd, bytes, (flags & WasiFlags.LookupSymlinkFollow) != 0, atim, mtim, fstflags);
    }

    public WasiErrno PathCreateDirectory(Memory memory, uint fd, uint path, uint pathLength) =>
        WithPath(memory, fd, WasiRights.PathCreateDirectory, path, pathLength, SandboxPaths.CreateDirectory);

    public WasiErrno PathRemoveDirectory(Memory memory, uint fd, uint path, uint pathLength) =>
        WithPath(memory, fd, WasiRights.PathRemoveDirectory, path, pathLength, SandboxPaths.RemoveDirectory);

    public WasiErrno PathUnlinkFile(Memory memory, uint fd, uint path, uint pathLength) =>
        WithPath(memory, fd, WasiRights.PathUnlinkFile, path, pathLength, SandboxPaths.UnlinkFile);

    public WasiErrno PathSymlink(Memory memory, uint oldPath, uint oldPathLength, uint fd, uint newPath, uint newPathLength)
    {
        var e = GuestMemory.ReadString(memory, oldPath, oldPathLength, out var target);
        if (e != WasiErrno.Success)
            return e;
        return WithPath(memory, fd, WasiRights.PathSymlink, newPath, newPathLength, (dirFd, bytes) => SandboxPaths.Symlink(target, dirFd, bytes));
    }

    public WasiErrno PathReadlink(Memory memory, uint fd, uint path, uint pathLength, uint buffer, uint bufferLength, uint bufusedPtr)
    {
        GuestMemory.Check(memory, buffer, bufferLength);
        GuestMemory.Check(memory, bufusedPtr, 4);
        return WithPath(memory, fd, WasiRights.PathReadlink, path, pathLength, (dirFd, bytes) =>
        {
            var e = SandboxPaths.Readlink(dirFd, bytes, (byte*)(memory.BaseAddress + (nint)buffer), bufferLength, out ulong n);
            if (e == WasiErrno.Success)
                GuestMemory.WriteU32(memory, bufusedPtr, (uint)n);
            return e;
        });
    }

    public WasiErrno PathRename(Memory memory, uint fd, uint oldPath, uint oldPathLength, uint newFd, uint newPath, uint newPathLength) =>
        WithPaths(memory, fd, WasiRights.PathRenameSource, oldPath, oldPathLength, newFd, WasiRights.PathRenameTarget, newPath, newPathLength, SandboxPaths.Rename);

    public WasiErrno PathLink(Memory memory, uint oldFd, uint oldFlags, uint oldPath, uint oldPathLength, uint newFd, uint newPath, uint newPathLength)
    {
        // Following a final symlink would need the host to resolve it outside our control (as wasmtime: EINVAL).
        if ((oldFlags & WasiFlags.LookupSymlinkFollow) != 0)
            return WasiErrno.Inval;
        return WithPaths(memory, oldFd, WasiRights.PathLinkSource, oldPath, oldPathLength, newFd, WasiRights.PathLinkTarget, newPath, newPathLength, SandboxPaths.Link);
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

    private WasiErrno WithPath(Memory memory, uint fd, WasiRights right, uint path, uint pathLength, Func<int, byte[], WasiErrno> operation)
    {
        var e = GetDirectory(fd, right, out var dir);
        if (e != WasiErrno.Success)
            return e;
        e = GuestMemory.ReadString(memory, path, pathLength, out var bytes);
        return e != WasiErrno.Success ? e : operation(dir.Fd, bytes);
    }

    private WasiErrno WithPaths(
        Memory memory, uint fromFd, WasiRights fromRight, uint fromPath, uint fromLength, uint toFd, WasiRights toRight,
        uint toPath, uint toLength, Func<int, byte[], int, byte[], WasiErrno> operation)
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
        return e != WasiErrno.Success ? e : operation(fromDir.Fd, fromBytes, toDir.Fd, toBytes);
    }
}
