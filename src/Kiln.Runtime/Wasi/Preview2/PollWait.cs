using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi.Preview2;

/// <summary><c>poll</c> and <c>block</c>: returns the indices of the ready pollables, waiting (ppoll on the host
/// fds, up to the earliest deadline) until at least one is.</summary>
internal static unsafe class PollWait
{
    public static List<uint> Wait(WasiPreview2Context cx, Pollable[] pollables)
    {
        // As Wasmtime: polling nothing would wait for ever.
        if (pollables.Length == 0) throw new InvalidOperationException("wasi: poll of an empty list");
        var ready = new List<uint>();
        var fds = new List<HostPollFd>();
        while (true)
        {
            ulong? earliest = null;
            fds.Clear();
            for (int i = 0; i < pollables.Length; i++)
            {
                var p = pollables[i];
                if (p.IsReady(cx))
                {
                    ready.Add((uint)i);
                    continue;
                }
                if (p.Deadline is { } d && (earliest is null || d < earliest)) earliest = d;
                if (p.HostFd is { } h) fds.Add(new HostPollFd { Fd = h.Fd, Events = h.Events });
            }
            if (ready.Count > 0) return ready;
            long timeout = earliest is { } e ? (long)Math.Min(e - Math.Min(e, cx.MonotonicNow()), long.MaxValue) : -1;
            var polls = fds.ToArray();
            int r;
            fixed (HostPollFd* p = polls)
                r = WasiSys.kilnrt_wasi_poll(p, polls.Length, timeout);
            if (r < 0 && WasiSys.Errno(r) != WasiErrno.Intr) throw new InvalidOperationException($"wasi: poll failed ({WasiSys.Errno(r)})");
            if (polls.Length == 0 && timeout < 0) throw new InvalidOperationException("wasi: poll would wait for ever");
        }
    }
}
