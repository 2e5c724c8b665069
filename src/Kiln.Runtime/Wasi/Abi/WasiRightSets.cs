namespace Kiln.Runtime.Wasi;

/// <summary>The most rights each kind of descriptor can have (the sets wasi-common and uvwasi use).</summary>
public static class WasiRightSets
{
    /// <summary>Regular files.</summary>
    public const WasiRights File =
        WasiRights.FdDatasync | WasiRights.FdRead | WasiRights.FdSeek | WasiRights.FdFdstatSetFlags | WasiRights.FdSync
        | WasiRights.FdTell | WasiRights.FdWrite | WasiRights.FdAdvise | WasiRights.FdAllocate | WasiRights.FdFilestatGet
        | WasiRights.FdFilestatSetSize | WasiRights.FdFilestatSetTimes | WasiRights.PollFdReadwrite;

    /// <summary>Directories (their own rights; what they hand down is <see cref="DirectoryInheriting"/>).</summary>
    public const WasiRights Directory =
        WasiRights.FdFdstatSetFlags | WasiRights.FdSync | WasiRights.FdAdvise | WasiRights.PathCreateDirectory
        | WasiRights.PathCreateFile | WasiRights.PathLinkSource | WasiRights.PathLinkTarget | WasiRights.PathOpen
        | WasiRights.FdReaddir | WasiRights.PathReadlink | WasiRights.PathRenameSource | WasiRights.PathRenameTarget
        | WasiRights.PathFilestatGet | WasiRights.PathFilestatSetSize | WasiRights.PathFilestatSetTimes
        | WasiRights.FdFilestatGet | WasiRights.FdFilestatSetTimes | WasiRights.PathSymlink
        | WasiRights.PathRemoveDirectory | WasiRights.PathUnlinkFile | WasiRights.PollFdReadwrite;

    /// <summary>What a directory hands down to what is opened through it.</summary>
    public const WasiRights DirectoryInheriting = Directory | File;

    /// <summary>Rights a directory loses when preopened read-only.</summary>
    public const WasiRights Mutating =
        WasiRights.FdDatasync | WasiRights.FdWrite | WasiRights.FdAllocate | WasiRights.FdFilestatSetSize
        | WasiRights.FdFilestatSetTimes | WasiRights.PathCreateDirectory | WasiRights.PathCreateFile
        | WasiRights.PathLinkSource | WasiRights.PathLinkTarget | WasiRights.PathRenameSource
        | WasiRights.PathRenameTarget | WasiRights.PathFilestatSetSize | WasiRights.PathFilestatSetTimes
        | WasiRights.PathSymlink | WasiRights.PathRemoveDirectory | WasiRights.PathUnlinkFile;

    /// <summary>Character devices, pipes and other streams.</summary>
    public const WasiRights Stream =
        WasiRights.FdRead | WasiRights.FdFdstatSetFlags | WasiRights.FdWrite | WasiRights.FdFilestatGet
        | WasiRights.PollFdReadwrite;

    /// <summary>Sockets.</summary>
    public const WasiRights Socket = Stream | WasiRights.SockShutdown | WasiRights.SockAccept;

    /// <summary>Rights that make a file descriptor readable on the host.</summary>
    public const WasiRights Reading = WasiRights.FdRead | WasiRights.FdReaddir;

    /// <summary>Rights that make a file descriptor writable on the host.</summary>
    public const WasiRights Writing =
        WasiRights.FdDatasync | WasiRights.FdWrite | WasiRights.FdAllocate | WasiRights.FdFilestatSetSize;

    /// <summary>The most rights a descriptor of <paramref name="type"/> can hold.</summary>
    public static WasiRights For(WasiFileType type) => type switch
    {
        WasiFileType.RegularFile => File,
        WasiFileType.Directory => Directory,
        WasiFileType.SocketStream or WasiFileType.SocketDgram => Socket,
        _ => Stream,
    };
}
