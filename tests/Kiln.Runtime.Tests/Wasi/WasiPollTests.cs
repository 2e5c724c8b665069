using System.Buffers.Binary;
using System.IO.Pipes;
using Kiln.Runtime.Wasi;

namespace Kiln.Runtime.Tests.Wasi;

public sealed class WasiPollTests
{
    private static void Clock(WasiHarness h, uint at, ulong userdata, uint clock, ulong timeout, bool absolute = false)
    {
        h.Memory.WriteInt64(at, (long)userdata);
        h.Memory.WriteByte(at + 8, 0);
        h.Memory.WriteInt32(at + 16, (int)clock);
        h.Memory.WriteInt64(at + 24, (long)timeout);
        h.Memory.WriteInt16(at + 40, (short)(absolute ? 1 : 0));
    }

    private static void Fd(WasiHarness h, uint at, ulong userdata, byte type, uint fd)
    {
        h.Memory.WriteInt64(at, (long)userdata);
        h.Memory.WriteByte(at + 8, type);
        h.Memory.WriteInt32(at + 16, (int)fd);
    }

    private static List<(ulong Userdata, WasiErrno Error, byte Type, ulong Nbytes, ushort Flags)> Poll(WasiHarness h, uint subs, int count)
    {
        uint events = h.Alloc(32 * count), n = h.Alloc(4);
        Assert.Equal(WasiErrno.Success, h.Call("poll_oneoff", subs, events, count, n));
        var result = new List<(ulong, WasiErrno, byte, ulong, ushort)>();
        var b = new byte[32];
        for (uint i = 0; i < h.U32(n); i++)
        {
            h.Memory.Read(events + i * 32, b);
            result.Add((BinaryPrimitives.ReadUInt64LittleEndian(b), (WasiErrno)BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(8)), b[10],
                BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(16)), BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(24))));
        }
        return result;
    }

    [Fact]
    public void ARelativeClockSleeps()
    {
        using var h = new WasiHarness();
        uint subs = h.Alloc(48);
        Clock(h, subs, 77, 1, 30_000_000);
        // The property is the spec's, not a performance figure: the event fires only once the named clock (the
        // monotonic one, as the guest reads it) has advanced by the timeout. A lower bound cannot fail on a slow machine.
        uint t = h.Alloc(8);
        Assert.Equal(WasiErrno.Success, h.Call("clock_time_get", 1, 1L, t));
        ulong before = h.U64(t);
        var events = Poll(h, subs, 1);
        Assert.Equal(WasiErrno.Success, h.Call("clock_time_get", 1, 1L, t));
        Assert.True(h.U64(t) - before >= 30_000_000, $"poll_oneoff returned after {h.U64(t) - before} ns of a 30 ms timeout");
        Assert.Equal((77UL, WasiErrno.Success, (byte)0, 0UL, (ushort)0), Assert.Single(events));
    }

    [Fact]
    public void AnAbsoluteDeadlineInThePastFiresAtOnceAndTheEarliestClockWins()
    {
        using var h = new WasiHarness();
        uint subs = h.Alloc(96);
        Clock(h, subs, 1, 1, 10_000_000_000); // 10 s
        Clock(h, subs + 48, 2, 0, 1, absolute: true); // 1970
        var events = Poll(h, subs, 2);
        // Only the past deadline fired: had poll waited for the 10 s clock, that one would be ready too.
        Assert.Equal(2UL, Assert.Single(events).Userdata);
    }

    [Fact]
    public void ReadyDescriptorsBeatClocks()
    {
        using var h = new WasiHarness(c => c.Stdin = WasiStdio.FromStream(new MemoryStream(new byte[5])));
        File.WriteAllText(Path.Combine(h.Sandbox, "f"), "12345678");
        Assert.Equal(WasiErrno.Success, h.Open("f", out uint file, rights: (ulong)(WasiRights.FdRead | WasiRights.PollFdReadwrite)));
        uint subs = h.Alloc(48 * 5);
        Clock(h, subs, 1, 1, 10_000_000_000);
        Fd(h, subs + 48, 2, 1, 0); // stdin: 5 bytes
        Fd(h, subs + 96, 3, 2, 1); // stdout writable
        Fd(h, subs + 144, 4, 1, file); // 8 bytes
        Fd(h, subs + 192, 5, 1, 42); // no such fd
        var events = Poll(h, subs, 5).OrderBy(e => e.Userdata).ToList();
        Assert.Equal([2UL, 3UL, 4UL, 5UL], events.Select(e => e.Userdata));
        Assert.Equal(5UL, events[0].Nbytes);
        Assert.Equal((byte)2, events[1].Type);
        Assert.Equal(8UL, events[2].Nbytes);
        Assert.Equal(WasiErrno.BadF, events[3].Error);
    }

    [Fact]
    public void AHostPipeBecomesReadableWhenWrittenTo()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        int fd = (int)client.SafePipeHandle.DangerousGetHandle();
        using var h = new WasiHarness(c => c.Stdin = WasiStdio.Inherit(fd));
        uint subs = h.Alloc(96);
        Clock(h, subs, 1, 1, 20_000_000);
        Fd(h, subs + 48, 2, 1, 0);
        Assert.Equal(1UL, Assert.Single(Poll(h, subs, 2)).Userdata); // nothing to read: the clock fires
        server.Write("abc"u8);
        server.Flush();
        var ready = Assert.Single(Poll(h, subs, 2));
        Assert.Equal((2UL, WasiErrno.Success, (byte)1, 3UL), (ready.Userdata, ready.Error, ready.Type, ready.Nbytes));
        server.Dispose();
        Assert.Equal(WasiErrno.Success, h.Read(0, 10, out string text));
        Assert.Equal("abc", text);
        var hangup = Assert.Single(Poll(h, subs, 2));
        Assert.Equal(1, hangup.Flags); // FD_READWRITE_HANGUP
    }

    [Fact]
    public void ZeroSubscriptionsAndUnknownTagsAreInvalid()
    {
        using var h = new WasiHarness();
        uint subs = h.Alloc(48);
        Assert.Equal(WasiErrno.Inval, h.Call("poll_oneoff", subs, h.Alloc(32), 0, h.Alloc(4)));
        h.Memory.WriteByte(subs + 8, 9);
        Assert.Equal(WasiErrno.Inval, h.Call("poll_oneoff", subs, h.Alloc(32), 1, h.Alloc(4)));
    }
}
