using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi;

/// <summary>The host's clocks (clock_gettime: realtime, monotonic, process and thread CPU time).</summary>
public sealed unsafe class SystemWasiClocks : IWasiClocks
{
    /// <summary>The one instance.</summary>
    public static SystemWasiClocks Instance { get; } = new();

    private SystemWasiClocks()
    {
    }

    /// <inheritdoc />
    public bool TryGetTime(WasiClockId id, out ulong nanoseconds)
    {
        ulong ns;
        bool ok = WasiSys.kilnrt_wasi_clock_time((uint)id, &ns) == 0;
        nanoseconds = ok ? ns : 0;
        return ok;
    }

    /// <inheritdoc />
    public bool TryGetResolution(WasiClockId id, out ulong nanoseconds)
    {
        ulong ns;
        bool ok = WasiSys.kilnrt_wasi_clock_res((uint)id, &ns) == 0;
        nanoseconds = ok ? ns : 0;
        return ok;
    }
}
