using System.Runtime.CompilerServices;
using Kiln.Compiler.VmContext;
using Kiln.Runtime.Internal;
using Kiln.Runtime.Native;

namespace Kiln.Runtime;

/// <summary>
/// Everything a call from the host into one function needs, looked up once per <see cref="Func"/> instead of
/// per call: for a wasm function its module's host-entry trampoline and its VMFuncRef; for a host function the
/// function itself. <see cref="Invoke"/> takes the arguments in 16-byte value slots and leaves the results there.
/// </summary>
/// <remarks>
/// The native call keeps its GC transition (no <c>SuppressGCTransition</c>): wasm may run for arbitrarily long,
/// call host functions (managed code) and block, none of which is allowed in a call that skips the transition,
/// and telling the few functions that provably do none of this apart is not worth the ~2 ns it would save.
/// </remarks>
internal sealed unsafe class WasmEntry
{
    // kilnrt_call, read once: a static readonly function pointer is a constant to the optimizing JIT.
    private static readonly delegate* unmanaged<nint, nint, nint, TrapInfo*, int> KilnrtCall = LoadCall();

    private readonly Store store;
    private readonly nint trampoline;
    private readonly nint funcRef;
    private readonly Func? host;

    public WasmEntry(Func func)
    {
        store = func.Store;
        if (func.IsHost)
        {
            host = func;
            return;
        }
        var module = func.Instance!.Module;
        uint typeIndex = module.Source.FunctionTypeIndex(func.Index);
        trampoline = module.Code?.HostEntryTrampoline(typeIndex) ?? 0;
        funcRef = func.FuncRefAddress;
        if (trampoline == 0 || *(nint*)(funcRef + VMFuncRef.Code) == 0)
            throw new NotSupportedException($"function {func.Index} has no compiled code; the module must be compiled to run");
    }

    /// <summary>Number of value slots <paramref name="func"/>'s calls need: max(params, results).</summary>
    public static int SlotsFor(Func func) => Math.Max(func.Type.Params.Length, func.Type.Results.Length);

    /// <summary>Calls the function with the arguments in <paramref name="slots"/> (room for max(params, results)
    /// slots); the results replace them. A trap is thrown as a <see cref="Trap"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Invoke(ulong* slots)
    {
        if (host is not null)
        {
            InvokeHost(slots);
            return;
        }
        var s = store;
        s.EnterWasm();
        TrapInfo trap;
        int kind = KilnrtCall(trampoline, funcRef, (nint)slots, &trap);
        s.LeaveWasm();
        if (kind != 0)
            throw Failed(kind, in trap);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Exception Failed(int kind, in TrapInfo trap)
    {
        if (kind < 0)
            NativeRuntime.Check(-kind, "kilnrt_call (preparing the thread)");
        // Read the frames before anything else can run wasm (and trap) on this thread.
        var frames = NativeRuntime.TrapFrames(out int total);
        return TrapFactory.FromNative(store, trap, frames, total);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void InvokeHost(ulong* slots)
    {
        var type = host!.Type;
        var args = new Value[type.Params.Length];
        for (int i = 0; i < args.Length; i++)
            args[i] = ValueSlots.Read(store, (nint)(slots + 2 * i), type.Params[i]);
        var results = new Value[type.Results.Length];
        Invoker.CallHost(host, host.Callback!, args, results);
        for (int i = 0; i < results.Length; i++)
            ValueSlots.Write(store, (nint)(slots + 2 * i), results[i]);
    }

    private static delegate* unmanaged<nint, nint, nint, TrapInfo*, int> LoadCall()
    {
        NativeRuntime.Initialize();
        return (delegate* unmanaged<nint, nint, nint, TrapInfo*, int>)NativeRuntime.GetExport("kilnrt_call");
    }
}
