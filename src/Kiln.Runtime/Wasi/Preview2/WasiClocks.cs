namespace Kiln.Runtime.Wasi.Preview2;

/// <summary><c>wasi:clocks</c>: monotonic-clock (with pollables for instants and durations) and wall-clock, from
/// the configuration's <see cref="IWasiClocks"/>.</summary>
internal static class WasiClocks
{
    private const ulong NanosPerSecond = 1_000_000_000;

    public static void Define(ComponentLinker linker, WasiPreview2Context cx)
    {
        var clocks = cx.Configuration.Clocks;
        var t = cx.Types;
        WasiPreview2.Interface(linker, "wasi:clocks/monotonic-clock")
            .DefineResource("pollable", t.Pollable)
            .DefineFunc("now", _ => Val.U64(cx.MonotonicNow()))
            .DefineFunc("resolution", _ => Val.U64(clocks.TryGetResolution(WasiClockId.Monotonic, out ulong ns) ? ns : 1))
            .DefineFunc("subscribe-instant", a => cx.Own(t.Pollable, new DeadlinePollable(a[0].AsU64())))
            .DefineFunc("subscribe-duration", a =>
            {
                ulong now = cx.MonotonicNow(), d = a[0].AsU64();
                return cx.Own(t.Pollable, new DeadlinePollable(d > ulong.MaxValue - now ? ulong.MaxValue : now + d));
            });
        WasiPreview2.Interface(linker, "wasi:clocks/wall-clock")
            .DefineFunc("now", _ => DateTime(clocks.TryGetTime(WasiClockId.Realtime, out ulong ns) ? ns : 0))
            .DefineFunc("resolution", _ => DateTime(clocks.TryGetResolution(WasiClockId.Realtime, out ulong ns) ? ns : 1));
    }

    public static Val DateTime(ulong nanoseconds) =>
        Val.Record(("seconds", Val.U64(nanoseconds / NanosPerSecond)), ("nanoseconds", Val.U32((uint)(nanoseconds % NanosPerSecond))));
}
