namespace Kiln.Runtime.Wasi;

// args, environ, clocks, random, proc_*, sched_yield.
public sealed partial class WasiContext
{
    public WasiErrno ArgsGet(Memory memory, uint argv, uint argvBuf) => WriteStrings(memory, args, argv, argvBuf);

    public WasiErrno ArgsSizesGet(Memory memory, uint argcPtr, uint sizePtr) => WriteSizes(memory, args, argcPtr, sizePtr);

    public WasiErrno EnvironGet(Memory memory, uint environ, uint environBuf) => WriteStrings(memory, environment, environ, environBuf);

    public WasiErrno EnvironSizesGet(Memory memory, uint countPtr, uint sizePtr) => WriteSizes(memory, environment, countPtr, sizePtr);

    private static WasiErrno WriteSizes(Memory memory, byte[][] strings, uint countPtr, uint sizePtr)
    {
        GuestMemory.WriteU32(memory, countPtr, (uint)strings.Length);
        GuestMemory.WriteU32(memory, sizePtr, (uint)strings.Sum(s => s.Length));
        return WasiErrno.Success;
    }

    private static WasiErrno WriteStrings(Memory memory, byte[][] strings, uint pointers, uint buffer)
    {
        GuestMemory.Check(memory, pointers, (ulong)strings.Length * 4);
        GuestMemory.Check(memory, buffer, (ulong)strings.Sum(s => (long)s.Length));
        uint at = buffer;
        for (int i = 0; i < strings.Length; i++)
        {
            GuestMemory.WriteU32(memory, pointers + (uint)i * 4, at);
            memory.Write(at, strings[i]);
            at += (uint)strings[i].Length;
        }
        return WasiErrno.Success;
    }

    public WasiErrno ClockResGet(Memory memory, uint id, uint resultPtr)
    {
        if (!clocks.TryGetResolution((WasiClockId)id, out ulong ns))
            return WasiErrno.Inval;
        GuestMemory.WriteU64(memory, resultPtr, ns);
        return WasiErrno.Success;
    }

    public WasiErrno ClockTimeGet(Memory memory, uint id, ulong precision, uint resultPtr)
    {
        _ = precision; // a hint; the host clock is as precise as it is
        if (!clocks.TryGetTime((WasiClockId)id, out ulong ns))
            return WasiErrno.Inval;
        GuestMemory.WriteU64(memory, resultPtr, ns);
        return WasiErrno.Success;
    }

    public WasiErrno RandomGet(Memory memory, uint buffer, uint length)
    {
        GuestMemory.Check(memory, buffer, length);
        // Spans are int-sized; a buffer near 4 GiB is filled in pieces.
        const int Chunk = 1 << 30;
        for (ulong done = 0; done < length;)
        {
            int n = (int)Math.Min(Chunk, length - done);
            random(memory.GetSpan(buffer + done, n));
            done += (ulong)n;
        }
        return WasiErrno.Success;
    }

    /// <summary>proc_exit: unwinds the guest with <see cref="WasiExitException"/>.</summary>
    public void ProcExit(uint code) => throw new WasiExitException((int)code);

    /// <summary>proc_raise: signals are not delivered to guests (ENOTSUP, as in wasmtime).</summary>
    public WasiErrno ProcRaise(uint signal)
    {
        _ = signal;
        return WasiErrno.NotSup;
    }

    public WasiErrno SchedYield()
    {
        Thread.Yield();
        return WasiErrno.Success;
    }
}
