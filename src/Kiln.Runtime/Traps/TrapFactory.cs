using Kiln.Runtime.Native;

namespace Kiln.Runtime;

/// <summary>Turns what <c>kilnrt_call</c> reported into a <see cref="Trap"/>: the code (raised explicitly, or
/// looked up in the trap table for a fault), the host exception behind a host_error, and the innermost frame.</summary>
internal static class TrapFactory
{
    public static Trap FromNative(Store store, in TrapInfo info)
    {
        var pending = store.TakePendingException();
        nint pc = (nint)info.Pc;
        var region = store.Engine.Code.Find(pc);
        IReadOnlyList<TrapFrame> frames = region?.FrameAt(pc) is { } frame ? [frame] : [];
        TrapCode code;
        if (info.Kind == TrapKind.Raised)
        {
            code = (TrapCode)info.Code;
        }
        else
        {
            code = store.Engine.Code.TrapCodeAt(pc);
            if (code == TrapCode.None)
                return new Trap(TrapCode.None, $"unexpected {info.SignalName} in wasm code at 0x{pc:x} (not in the trap table)", pending, frames);
        }
        // A host function that threw a Trap (say, from a nested call) passes it on unchanged.
        if (code == TrapCode.HostError && pending is Trap inner)
            return inner;
        string message = pending is null ? TrapMessages.Of(code) : $"{TrapMessages.Of(code)}: {pending.Message}";
        return new Trap(code, message, pending, frames);
    }
}
