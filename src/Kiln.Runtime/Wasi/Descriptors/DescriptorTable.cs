namespace Kiln.Runtime.Wasi;

/// <summary>The guest's fds: the lowest free number is used first, as POSIX does.</summary>
internal sealed class DescriptorTable : IDisposable
{
    private readonly List<WasiDescriptor?> slots = [];
    private readonly int max;

    public DescriptorTable(int max)
    {
        this.max = max;
    }

    public bool TryGet(uint fd, out WasiDescriptor descriptor)
    {
        descriptor = fd < (uint)slots.Count ? slots[(int)fd]! : null!;
        return descriptor is not null;
    }

    /// <summary>Puts <paramref name="descriptor"/> at the lowest free number; EMFILE when the table is full.</summary>
    public WasiErrno Add(WasiDescriptor descriptor, out uint fd)
    {
        int free = slots.IndexOf(null);
        if (free < 0)
        {
            if (slots.Count >= max)
            {
                fd = 0;
                return WasiErrno.MFile;
            }
            free = slots.Count;
            slots.Add(null);
        }
        slots[free] = descriptor;
        fd = (uint)free;
        return WasiErrno.Success;
    }

    /// <summary>Takes <paramref name="fd"/> out of the table (the caller disposes it).</summary>
    public WasiDescriptor? Remove(uint fd)
    {
        if (!TryGet(fd, out var d))
            return null;
        slots[(int)fd] = null;
        return d;
    }

    /// <summary>Puts <paramref name="descriptor"/> at <paramref name="fd"/>, which must be free.</summary>
    public void Set(uint fd, WasiDescriptor descriptor)
    {
        while (slots.Count <= fd)
            slots.Add(null);
        slots[(int)fd] = descriptor;
    }

    public void Dispose()
    {
        foreach (var d in slots)
            d?.Dispose();
        slots.Clear();
    }
}
