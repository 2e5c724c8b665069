using Kiln.Runtime.Native;

namespace Kiln.Runtime;

/// <summary>Turns what <c>kilnrt_call</c> reported into a <see cref="Trap"/>: the code (raised explicitly, or
/// looked up in the trap table for a fault), the host exception behind a host_error, and the wasm backtrace.</summary>
internal static class TrapFactory
{
    /// <summary>A trap whose only known frame is the trapping PC's.</summary>
    public static Trap FromNative(Store store, in TrapInfo info) => (Trap)FromNative(store, info, [], 0);

    /// <summary>
    /// A trap with the frames kilnrt_trap_frames recorded for it (<paramref name="frames"/>, innermost first; the
    /// first is the faulting PC for a signal trap, every other one a return address). Without frames the PC is
    /// the one frame.
    /// </summary>
    public static KilnException FromNative(Store store, in TrapInfo info, ReadOnlySpan<nint> frames, int total)
    {
        if (info.Kind == TrapKind.Exception && store.ExceptionFromRaw((nint)info.FaultAddress) is { } exn)
        {
            store.TakePendingException();
            return new WasmException(exn, Backtrace(store.Engine.Code, info, frames, total, out _));
        }
        var pending = store.TakePendingException();
        nint pc = (nint)info.Pc;
        var backtrace = Backtrace(store.Engine.Code, info, frames, total, out int depth);
        int maxFrames = store.Engine.Config.WasmBacktraceMaxFrames;
        if (backtrace.Count > maxFrames)
            backtrace.RemoveRange(maxFrames, backtrace.Count - maxFrames); // still counted in depth
        TrapCode code;
        if (info.Kind == TrapKind.Raised)
        {
            code = (TrapCode)info.Code;
        }
        else
        {
            code = store.Engine.Code.TrapCodeAt(pc);
            if (code == TrapCode.None)
                return WithDepth(new Trap(TrapCode.None, $"unexpected {info.SignalName} in wasm code at 0x{pc:x} (not in the trap table)", pending, backtrace), depth);
        }
        // A host function that let a Trap through (say, from a nested call) passes it on, its backtrace
        // extended by this call's frames, which lie outside the nested one.
        if (code == TrapCode.HostError && pending is Trap inner)
        {
            inner.AppendOuterFrames(backtrace, depth, maxFrames);
            return inner;
        }
        // An uncaught wasm exception that ended a host function goes on to this caller as the same exception:
        // it does not cross the host frame into the wasm frames in between (no handler there can see it).
        if (code == TrapCode.HostError && pending is WasmException uncaught)
            return uncaught;
        string message = pending is null ? TrapMessages.Of(code) : $"{TrapMessages.Of(code)}: {pending.Message}";
        return WithDepth(new Trap(code, message, pending, backtrace), depth);
    }

    private static Trap WithDepth(Trap trap, int depth)
    {
        trap.SetDepth(depth);
        return trap;
    }

    /// <summary>The wasm frames among <paramref name="frames"/> (trampolines and unknown code left out), and in
    /// <paramref name="depth"/> how many there were counting those beyond the recorded ones.</summary>
    private static List<TrapFrame> Backtrace(CodeRegistry code, in TrapInfo info, ReadOnlySpan<nint> frames, int total, out int depth)
    {
        var result = new List<TrapFrame>(Math.Max(frames.Length, 1));
        if (frames.IsEmpty)
        {
            if (code.Find((nint)info.Pc)?.FrameAt((nint)info.Pc, info.Kind == TrapKind.Raised) is { } f && !IsTrampoline(f))
                result.Add(f);
            depth = result.Count;
            return result;
        }
        for (int i = 0; i < frames.Length; i++)
        {
            // A signal's first frame is the faulting instruction itself; the rest follow calls.
            bool returnAddress = i > 0 || info.Kind != TrapKind.Signal;
            if (code.Find(frames[i])?.FrameAt(frames[i], returnAddress) is { } frame && !IsTrampoline(frame))
                result.Add(frame);
        }
        // The walk counts only frames in registered code, so the ones it could not record are wasm frames but
        // for the entry trampoline that ends every chain.
        depth = result.Count + Math.Max(0, total - frames.Length - 1);
        return result;
    }

    private static bool IsTrampoline(TrapFrame frame) => frame.FunctionIndex >= CodeMap.TrampolineIndexBase;
}
