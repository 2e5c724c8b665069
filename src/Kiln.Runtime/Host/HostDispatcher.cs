using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Kiln.Compiler.VmContext;
using Kiln.Runtime.Internal;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// The single entry from generated wasm-to-host trampolines into C#: <c>int32 (*)(void* hostContext,
/// ValueSlot* args, int32 count)</c>. The trampoline spills the wasm arguments into <c>args</c> (16-byte slots,
/// parameters first) and reads the results back from the same slots, starting at slot 0; <c>count</c> is the
/// number of slots, at least max(params, results). Returns 0 on success; on failure the exception is kept in the
/// store and a non-zero status makes the trampoline trap with host_error, which the embedder receives as a
/// <see cref="Trap"/> carrying it. No exception ever escapes into native frames.
/// </summary>
internal static unsafe class HostDispatcher
{
    /// <summary>Status for success.</summary>
    public const int Ok = 0;

    /// <summary>Status for a failed host call (exception kept in the store).</summary>
    public const int Failed = 1;

    /// <summary>Status when the context handle no longer leads to a function (store disposed).</summary>
    public const int Dead = 2;

    /// <summary>Address of <see cref="Dispatch"/>, written into every VMHostFuncContext.</summary>
    public static nint Address { get; } = (nint)(delegate* unmanaged<nint, nint, int, int>)&Dispatch;

    [UnmanagedCallersOnly]
    public static int Dispatch(nint hostContext, nint args, int count)
    {
        HostCallTarget? target;
        try
        {
            target = HandleOwner.Resolve<HostCallTarget>(hostContext);
        }
        catch (Exception)
        {
            return Dead;
        }
        if (target is null)
            return Dead;
        try
        {
            Invoke(target, args, count);
            return Ok;
        }
        catch (Exception e)
        {
            target.Func.Store.PendingException = e;
            return Failed;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Invoke(HostCallTarget target, nint args, int count)
    {
        var func = target.Func;
        var store = func.Store;
        store.ThrowIfDisposed();
        var type = func.Type;
        int needed = Math.Max(type.Params.Length, type.Results.Length);
        if (count < needed)
            throw new InvalidOperationException($"the trampoline passed {count} value slots, the function needs {needed}");
        // Values hold object references, so they cannot live on the stack; the host path allocates.
        var parameters = new Value[type.Params.Length];
        for (int i = 0; i < parameters.Length; i++)
            parameters[i] = ValueSlots.Read(store, args + i * ValueSlot.Size, type.Params[i]);
        var results = new Value[type.Results.Length];
        for (int i = 0; i < results.Length; i++)
            results[i] = Value.Default(type.Results[i]);
        func.Callback!(target.Caller, parameters, results);
        for (int i = 0; i < results.Length; i++)
        {
            if (results[i].Type != type.Results[i])
                throw new InvalidOperationException(
                    $"host function result {i} is {results[i].Type.ToText()}, its type says {type.Results[i].ToText()}");
        }
        for (int i = 0; i < results.Length; i++)
            ValueSlots.Write(store, args + i * ValueSlot.Size, results[i]);
    }
}
