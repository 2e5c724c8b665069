using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi.Preview2;

/// <summary>
/// A <c>wasi:io/poll.pollable</c>: something that becomes ready once. Either always ready (files, .NET streams),
/// ready at a monotonic-clock deadline, or ready when a host fd is readable or writable (checked with ppoll).
/// </summary>
internal abstract class Pollable : IDisposable
{
    /// <summary>Ready now (never blocks).</summary>
    public abstract bool IsReady(WasiPreview2Context cx);

    /// <summary>The monotonic time (ns) it becomes ready at, if it is a timer.</summary>
    public virtual ulong? Deadline => null;

    /// <summary>The host fd and poll events it waits for, if it is fd readiness.</summary>
    public virtual (int Fd, uint Events)? HostFd => null;

    public virtual void Dispose() { }
}

internal sealed class ReadyPollable : Pollable
{
    public static ReadyPollable Instance { get; } = new();

    public override bool IsReady(WasiPreview2Context cx) => true;
}

internal sealed class DeadlinePollable(ulong deadline) : Pollable
{
    public override ulong? Deadline => deadline;

    public override bool IsReady(WasiPreview2Context cx) => cx.MonotonicNow() >= deadline;
}

/// <summary>Readiness of a host fd; holds a reference on the fd so it stays open while the pollable lives.</summary>
internal sealed unsafe class FdPollable : Pollable
{
    private readonly HostFdHandle? _handle;
    private readonly int _fd;
    private readonly uint _events;

    public FdPollable(HostFdHandle? handle, int fd, uint events)
    {
        bool added = false;
        handle?.DangerousAddRef(ref added);
        _handle = handle;
        _fd = fd;
        _events = events;
    }

    public override (int Fd, uint Events)? HostFd => (_fd, _events);

    public override bool IsReady(WasiPreview2Context cx) => Check(_fd, _events, 0);

    /// <summary>Whether <paramref name="fd"/> has any of <paramref name="events"/> (or hangs up or fails) within the timeout.</summary>
    public static bool Check(int fd, uint events, long timeoutNs)
    {
        var p = new HostPollFd { Fd = fd, Events = events };
        int r = WasiSys.kilnrt_wasi_poll(&p, 1, timeoutNs);
        return r > 0 && p.Revents != 0;
    }

    public override void Dispose() => _handle?.DangerousRelease();
}
