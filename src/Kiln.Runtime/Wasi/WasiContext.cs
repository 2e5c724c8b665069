using System.Text;
using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi;

/// <summary>
/// One guest's WASI state: its descriptor table, arguments and environment. The preview1 functions are methods
/// here, each taking the guest memory and the raw wasm arguments and returning the errno (the
/// <c>WasiContext.*.cs</c> files, one per group). Dispose closes every host fd the guest still holds.
/// </summary>
public sealed partial class WasiContext : IDisposable
{
    private readonly DescriptorTable table;
    private readonly byte[][] args;
    private readonly byte[][] environment;
    private readonly IWasiClocks clocks;
    private readonly Action<Span<byte>> random;

    /// <summary>Opens the preopened directories and sets up stdio; throws when a preopen cannot be opened.</summary>
    public WasiContext(WasiConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        table = new DescriptorTable(configuration.MaxOpenFiles);
        args = [.. configuration.Args.Select(a => Encoding.UTF8.GetBytes(a + "\0"))];
        environment = [.. configuration.Environment.Select(e => Encoding.UTF8.GetBytes($"{e.Key}={e.Value}\0"))];
        clocks = configuration.Clocks;
        random = configuration.Random;
        try
        {
            table.Set(0, Stdio(configuration.Stdin, WasiRightSets.Writing));
            table.Set(1, Stdio(configuration.Stdout, WasiRightSets.Reading));
            table.Set(2, Stdio(configuration.Stderr, WasiRightSets.Reading));
            foreach (var preopen in configuration.Preopens)
                Add(Preopened(preopen));
            foreach (var socket in configuration.Sockets)
                Add(SocketDescriptor(socket));
        }
        catch
        {
            table.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The memory the functions use when set; otherwise the calling instance's export "memory". Set it to call the
    /// functions from the host (tests) or for a module whose memory is exported under another name.
    /// </summary>
    public Memory? Memory { get; set; }

    /// <summary>Closes every host fd the guest holds.</summary>
    public void Dispose() => table.Dispose();

    private void Add(WasiDescriptor descriptor)
    {
        if (table.Add(descriptor, out _) != WasiErrno.Success)
        {
            descriptor.Dispose();
            throw new InvalidOperationException("wasi: more preopens than MaxOpenFiles");
        }
    }

    private static WasiDescriptor Stdio(WasiStdio stdio, WasiRights withheld)
    {
        if (stdio.Stream is { } stream)
        {
            var rights = WasiRightSets.Stream & ~withheld;
            if (!stream.CanRead)
                rights &= ~WasiRights.FdRead;
            if (!stream.CanWrite)
                rights &= ~WasiRights.FdWrite;
            return new StreamDescriptor(stream) { Base = rights };
        }
        var handle = new HostFdHandle(stdio.HostFd, ownsHandle: false);
        var type = TypeOf(stdio.HostFd);
        return new HostDescriptor(handle, type) { Base = WasiRightSets.For(type) & ~withheld };
    }

    private static HostDescriptor Preopened(WasiPreopen preopen)
    {
        var handle = SandboxPaths.OpenPreopen(preopen);
        var rights = WasiRightSets.Directory;
        var inheriting = WasiRightSets.DirectoryInheriting;
        if (preopen.ReadOnly)
        {
            rights &= ~WasiRightSets.Mutating;
            inheriting &= ~WasiRightSets.Mutating;
        }
        return new HostDescriptor(handle, WasiFileType.Directory)
        {
            Base = rights,
            Inheriting = inheriting,
            PreopenName = preopen.GuestPath,
        };
    }

    private static HostDescriptor SocketDescriptor(System.Net.Sockets.Socket socket)
    {
        // The embedder owns the socket; the guest's fd_close only drops the descriptor.
        int fd = (int)socket.SafeHandle.DangerousGetHandle();
        var type = TypeOf(fd);
        return new HostDescriptor(new HostFdHandle(fd, ownsHandle: false), type) { Base = WasiRightSets.For(type) };
    }

    /// <summary>The WASI file type of a host fd (unknown when it cannot be inspected).</summary>
    private static WasiFileType TypeOf(int fd) => SandboxPaths.TypeOf(fd);

    /// <summary>The descriptor <paramref name="fd"/> if it holds <paramref name="rights"/>: EBADF, ENOTCAPABLE otherwise.</summary>
    private WasiErrno Get(uint fd, WasiRights rights, out WasiDescriptor descriptor)
    {
        if (!table.TryGet(fd, out descriptor))
            return WasiErrno.BadF;
        return descriptor.Has(rights) ? WasiErrno.Success : WasiErrno.NotCapable;
    }

    /// <summary>A host-backed descriptor; <paramref name="otherwise"/> for stream-backed ones.</summary>
    private WasiErrno GetHost(uint fd, WasiRights rights, WasiErrno otherwise, out HostDescriptor host)
    {
        host = null!;
        var e = Get(fd, rights, out var d);
        if (e != WasiErrno.Success)
            return e;
        if (d is not HostDescriptor h)
            return otherwise;
        host = h;
        return WasiErrno.Success;
    }

    /// <summary>A directory descriptor (ENOTDIR for anything else), checked for <paramref name="rights"/>.</summary>
    private WasiErrno GetDirectory(uint fd, WasiRights rights, out HostDescriptor directory)
    {
        directory = null!;
        if (!table.TryGet(fd, out var d))
            return WasiErrno.BadF;
        if (d is not HostDescriptor { FileType: WasiFileType.Directory } h)
            return WasiErrno.NotDir;
        if (!h.Has(rights))
            return WasiErrno.NotCapable;
        directory = h;
        return WasiErrno.Success;
    }
}
