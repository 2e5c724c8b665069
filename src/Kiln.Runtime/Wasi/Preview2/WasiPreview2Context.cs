using System.Text;

namespace Kiln.Runtime.Wasi.Preview2;

/// <summary>
/// One guest's WASI 0.2 state: its configuration (the same <see cref="WasiConfiguration"/> as preview1: args,
/// environment, preopens, stdio, clocks, randomness), the preopened directories, the host resources it holds
/// and the resource types they are handed out as. Dispose closes every host fd it still holds.
/// </summary>
public sealed class WasiPreview2Context : IDisposable
{
    private readonly List<(HostFdHandle Handle, WasiPreopen Preopen)> _preopens = [];

    /// <summary>Opens the preopened directories; throws when one cannot be opened.</summary>
    public WasiPreview2Context(WasiConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        try
        {
            foreach (var preopen in configuration.Preopens) _preopens.Add((SandboxPaths.OpenPreopen(preopen), preopen));
        }
        catch
        {
            Dispose();
            throw;
        }
        Types = new WasiResourceTypes(Table);
    }

    internal WasiConfiguration Configuration { get; }
    internal HostResourceTable Table { get; } = new();
    internal WasiResourceTypes Types { get; }
    internal Random Insecure { get; } = new();

    /// <summary>How many host resources (streams, pollables, descriptors, ...) the guest holds now.</summary>
    public int LiveResources => Table.Count;

    /// <summary>The preopens as new descriptors (a read-only preopen never lets the tree below change).</summary>
    internal IEnumerable<(Descriptor Directory, string GuestPath)> Preopens()
    {
        foreach (var (handle, preopen) in _preopens)
            yield return (new Descriptor(handle, WasiFileType.Directory, read: true, write: false, mutate: !preopen.ReadOnly), preopen.GuestPath);
    }

    internal ulong MonotonicNow() => Configuration.Clocks.TryGetTime(WasiClockId.Monotonic, out ulong ns) ? ns : 0;

    /// <summary>A host resource handed to the guest as an owned handle of <paramref name="type"/>.</summary>
    internal Val Own(ResourceType type, object item) => Val.Own(new ResourceAny(type, Table.Add(item)));

    /// <summary>The host object behind a borrowed (or owned) handle argument.</summary>
    internal T Get<T>(Val handle) where T : class => Table.Get<T>(handle.Resource!.Rep);

    internal static byte[] Bytes(Val list)
    {
        var items = list.Items;
        var bytes = new byte[items.Count];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)items[i].Bits;
        return bytes;
    }

    internal static Val ByteList(ReadOnlySpan<byte> bytes)
    {
        var items = new Val[bytes.Length];
        for (int i = 0; i < items.Length; i++) items[i] = Val.U8(bytes[i]);
        return Val.List(items);
    }

    /// <summary>A guest path as the sandbox layer takes it (NUL-terminated UTF-8); EINVAL for an embedded NUL.</summary>
    internal static WasiErrno Path(Val text, out byte[] path)
    {
        var s = text.AsString();
        path = Beneath.Terminated(Encoding.UTF8.GetBytes(s));
        return s.Contains('\0', StringComparison.Ordinal) ? WasiErrno.Inval : WasiErrno.Success;
    }

    public void Dispose()
    {
        Table.Dispose();
        foreach (var (handle, _) in _preopens) handle.Dispose();
        _preopens.Clear();
    }
}
