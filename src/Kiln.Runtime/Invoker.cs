using System.Runtime.InteropServices;
using Kiln.Compiler.VmContext;
using Kiln.Runtime.Internal;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// Dynamic calls from the host into a function: host functions directly, wasm functions through their
/// <see cref="WasmEntry"/> (host-entry trampoline under <c>kilnrt_call</c>) with the arguments in 16-byte value
/// slots on the stack. Nothing is allocated on the way in; a trap comes back as a <see cref="Trap"/>.
/// </summary>
internal static unsafe class Invoker
{
    private const int StackSlots = 32;

    public static void Call(Func func, ReadOnlySpan<Value> args, Span<Value> results)
    {
        var store = func.Store;
        store.ThrowIfDisposed();
        var type = func.Type;
        if (args.Length != type.Params.Length)
            throw new ArgumentException($"the function takes {type.Params.Length} arguments, {args.Length} were given", nameof(args));
        if (results.Length != type.Results.Length)
            throw new ArgumentException($"the function returns {type.Results.Length} results, room for {results.Length} was given", nameof(results));
        if (store.Engine.Config.CheckSignatures)
        {
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i].Type != type.Params[i])
                    throw new ArgumentException($"argument {i} is {args[i].Type.ToText()}, the function takes {type.Params[i].ToText()}", nameof(args));
            }
        }

        if (func.Callback is { } callback)
        {
            CallHost(func, callback, args, results);
            return;
        }

        var entry = func.Entry;
        int slots = Math.Max(args.Length, results.Length);
        ulong* heap = null;
        ulong* buffer = stackalloc ulong[2 * StackSlots];
        if (slots > StackSlots)
            buffer = heap = (ulong*)NativeMemory.AlignedAlloc((nuint)(slots * ValueSlot.Size), 16);
        try
        {
            for (int i = 0; i < args.Length; i++)
                ValueSlots.Write(store, (nint)buffer + i * ValueSlot.Size, args[i]);
            entry.Invoke(buffer);
            for (int i = 0; i < results.Length; i++)
                results[i] = ValueSlots.Read(store, (nint)buffer + i * ValueSlot.Size, type.Results[i]);
        }
        finally
        {
            if (heap != null)
                NativeMemory.AlignedFree(heap);
        }
    }

    /// <summary>Calls a host function from the host: defaults in the results, the callback, a type check of what it left.</summary>
    public static void CallHost(Func func, HostFunctionCallback callback, ReadOnlySpan<Value> args, Span<Value> results)
    {
        var type = func.Type;
        for (int i = 0; i < results.Length; i++)
            results[i] = Value.Default(type.Results[i]);
        callback(new Caller(func.Store, null), args, results);
        for (int i = 0; i < results.Length; i++)
        {
            if (results[i].Type != type.Results[i])
                throw new InvalidOperationException($"host function result {i} is {results[i].Type.ToText()}, its type says {type.Results[i].ToText()}");
        }
    }
}
