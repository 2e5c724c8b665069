namespace Kiln.Runtime.Wasi;

/// <summary>Where clock_time_get, clock_res_get and poll_oneoff's absolute deadlines get the time (tests fix it).</summary>
public interface IWasiClocks
{
    /// <summary>The time of <paramref name="id"/> in nanoseconds; false for a clock this source does not have.</summary>
    bool TryGetTime(WasiClockId id, out ulong nanoseconds);

    /// <summary>The resolution of <paramref name="id"/> in nanoseconds; false for a clock this source does not have.</summary>
    bool TryGetResolution(WasiClockId id, out ulong nanoseconds);
}
