namespace Kiln.Runtime.Wasi;

/// <summary>A descriptor backed by a host fd: a file, directory, socket, or an inherited stdio fd.</summary>
internal sealed class HostDescriptor : WasiDescriptor
{
    private readonly HostFdHandle handle;

    public HostDescriptor(HostFdHandle handle, WasiFileType fileType)
    {
        this.handle = handle;
        FileType = fileType;
    }

    /// <summary>The host fd.</summary>
    public int Fd => handle.Fd;

    /// <inheritdoc />
    public override WasiFileType FileType { get; }

    /// <summary>fd_readdir's snapshot of the directory, taken at cookie 0 and reused for later cookies.</summary>
    public List<DirectoryEntry>? Listing { get; set; }

    public override void Dispose() => handle.Dispose();
}
