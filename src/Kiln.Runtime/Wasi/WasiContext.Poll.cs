using System.Buffers.Binary;
using System.Diagnostics;
using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi;

// poll_oneoff: clock subscriptions (relative or absolute) and fd read/write readiness.
public sealed unsafe partial class WasiContext
{
    public WasiErrno PollOneoff(Memory memory, uint input, uint output, uint count, uint neventsPtr)
    {
        if (count == 0)
            return WasiErrno.Inval;
        GuestMemory.Check(memory, input, (ulong)count * WasiLayout.SubscriptionSize);
        GuestMemory.Check(memory, output, (ulong)count * WasiLayout.EventSize);
        GuestMemory.Check(memory, neventsPtr, 4);

        var events = new List<Event>();
        var waits = new List<(HostPollFd Poll, ulong Userdata, byte Type)>();
        var timers = new List<(ulong Userdata, ulong TimeoutNs)>();
        var subscription = new byte[WasiLayout.SubscriptionSize];
        for (uint i = 0; i < count; i++)
        {
            memory.Read(input + i * WasiLayout.SubscriptionSize, subscription);
            ulong userdata = BinaryPrimitives.ReadUInt64LittleEndian(subscription);
            byte tag = subscription[WasiLayout.SubscriptionTag];
            if (tag == WasiFlags.EventClock)
            {
                var id = (WasiClockId)BinaryPrimitives.ReadUInt32LittleEndian(subscription.AsSpan(WasiLayout.SubscriptionClockId));
                ulong timeout = BinaryPrimitives.ReadUInt64LittleEndian(subscription.AsSpan(WasiLayout.SubscriptionClockTimeout));
                ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(subscription.AsSpan(WasiLayout.SubscriptionClockFlags));
                if (!clocks.TryGetTime(id, out ulong now))
                {
                    events.Add(new Event(userdata, WasiErrno.Inval, tag, 0, 0));
                    continue;
                }
                // An absolute deadline becomes a relative one against the same clock.
                if ((flags & WasiFlags.SubscriptionClockAbstime) != 0)
                    timeout = timeout > now ? timeout - now : 0;
                timers.Add((userdata, timeout));
            }
            else if (tag is WasiFlags.EventFdRead or WasiFlags.EventFdWrite)
            {
                uint fd = BinaryPrimitives.ReadUInt32LittleEndian(subscription.AsSpan(WasiLayout.SubscriptionFd));
                var e = Get(fd, WasiRights.PollFdReadwrite, out var d);
                if (e != WasiErrno.Success)
                    events.Add(new Event(userdata, e, tag, 0, 0));
                else if (d is HostDescriptor { FileType: not (WasiFileType.RegularFile or WasiFileType.Directory) } h)
                    waits.Add((new HostPollFd { Fd = h.Fd, Events = tag == WasiFlags.EventFdRead ? WasiSys.PollRead : WasiSys.PollWrite }, userdata, tag));
                else
                    events.Add(new Event(userdata, WasiErrno.Success, tag, ReadyBytes(d, tag), 0)); // files and streams are always ready
            }
            else
            {
                return WasiErrno.Inval;
            }
        }

        // Wait only when nothing is ready yet: for the earliest timer, or for ever when there is none.
        long timeoutNs = events.Count > 0 ? 0 : timers.Count > 0 ? (long)Math.Min(timers.Min(t => t.TimeoutNs), long.MaxValue) : -1;
        var polls = waits.Select(w => w.Poll).ToArray();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            long remaining = timeoutNs < 0 ? -1 : Math.Max(0, timeoutNs - (long)clock.Elapsed.TotalNanoseconds);
            int r;
            fixed (HostPollFd* p = polls)
                r = WasiSys.kilnrt_wasi_poll(p, polls.Length, remaining);
            if (r >= 0)
                break;
            if (WasiSys.Errno(r) != WasiErrno.Intr)
                return WasiSys.Errno(r);
        }
        for (int i = 0; i < polls.Length; i++)
        {
            var p = polls[i];
            if (p.Revents == 0)
                continue;
            var error = (p.Revents & WasiSys.PollError) != 0 && (p.Revents & (WasiSys.PollRead | WasiSys.PollWrite)) == 0
                ? WasiErrno.Io : WasiErrno.Success;
            ushort flags = (p.Revents & WasiSys.PollHangup) != 0 ? WasiFlags.EventFdReadwriteHangup : (ushort)0;
            events.Add(new Event(waits[i].Userdata, error, waits[i].Type, p.Nbytes, flags));
        }
        long elapsed = (long)clock.Elapsed.TotalNanoseconds;
        foreach (var (userdata, timeout) in timers)
        {
            if ((ulong)elapsed >= timeout || (events.Count == 0 && (long)timeout == timeoutNs))
                events.Add(new Event(userdata, WasiErrno.Success, WasiFlags.EventClock, 0, 0));
        }

        Span<byte> record = stackalloc byte[WasiLayout.EventSize];
        for (int i = 0; i < events.Count; i++)
        {
            var ev = events[i];
            record.Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(record, ev.Userdata);
            BinaryPrimitives.WriteUInt16LittleEndian(record[WasiLayout.EventError..], (ushort)ev.Error);
            record[WasiLayout.EventType] = ev.Type;
            BinaryPrimitives.WriteUInt64LittleEndian(record[WasiLayout.EventNbytes..], ev.Nbytes);
            BinaryPrimitives.WriteUInt16LittleEndian(record[WasiLayout.EventFlags..], ev.Flags);
            memory.Write(output + (uint)i * WasiLayout.EventSize, record);
        }
        GuestMemory.WriteU32(memory, neventsPtr, (uint)events.Count);
        return WasiErrno.Success;
    }

    /// <summary>Bytes available to read without blocking from a descriptor that is always ready (0 when unknown).</summary>
    private static ulong ReadyBytes(WasiDescriptor d, byte type)
    {
        if (type != WasiFlags.EventFdRead)
            return 0;
        if (d is StreamDescriptor { Stream.CanSeek: true } s)
            return (ulong)Math.Max(0, s.Stream.Length - s.Stream.Position);
        if (d is HostDescriptor { FileType: WasiFileType.RegularFile } h)
        {
            byte* stat = stackalloc byte[WasiLayout.FilestatSize];
            long position = WasiSys.kilnrt_wasi_seek(h.Fd, 0, WasiFlags.WhenceCur);
            if (position >= 0 && WasiSys.kilnrt_wasi_fstat(h.Fd, stat) == 0)
                return (ulong)Math.Max(0, *(long*)(stat + 32) - position);
        }
        return 0;
    }

    private readonly record struct Event(ulong Userdata, WasiErrno Error, byte Type, ulong Nbytes, ushort Flags);
}
