namespace Kiln.Runtime.Wasi;

/// <summary>One call of a preview1 function: its context, the raw wasm arguments, and the caller's memory (looked up
/// only by functions that touch memory).</summary>
internal readonly ref struct WasiCall(WasiContext context, Caller caller, ReadOnlySpan<Value> args)
{
    private readonly ReadOnlySpan<Value> args = args;

    public WasiContext C => context;

    /// <summary>The guest memory: the context's own if set, else the caller's export "memory".</summary>
    public Memory M => context.Memory ?? caller.GetMemory()
        ?? throw new InvalidOperationException("wasi: the calling instance exports no memory named \"memory\"");

    /// <summary>Argument <paramref name="i"/> as an i32 (pointers, lengths, fds, flags).</summary>
    public uint U(int i) => (uint)args[i].AsI32();

    /// <summary>Argument <paramref name="i"/> as an i64.</summary>
    public ulong L(int i) => (ulong)args[i].AsI64();
}

/// <summary>A preview1 function's body.</summary>
internal delegate WasiErrno WasiHandler(in WasiCall call);
