using System.Runtime.InteropServices;
using System.Text;
using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>A host function: reads <paramref name="args"/>, writes every slot of <paramref name="results"/>. An
/// exception becomes a trap in the guest carrying its message.</summary>
public delegate void WasmtimeHostFunc(ReadOnlySpan<WasmValue> args, Span<WasmValue> results);

/// <summary>A core linker (<c>wasmtime_linker_t</c>): WASI preview1 and host functions by module and name.</summary>
public sealed class WasmtimeLinker : IDisposable
{
    public WasmtimeLinker(WasmtimeEngine engine)
    {
        Engine = engine;
        Handle = new LinkerHandle(wasmtime_linker_new(engine.Handle.Raw));
    }

    public WasmtimeEngine Engine { get; }

    internal LinkerHandle Handle { get; }

    /// <summary>Defines <c>wasi_snapshot_preview1</c> (<c>wasmtime_linker_define_wasi</c>); the store needs
    /// <see cref="WasmtimeStore.SetWasi"/> before instantiating.</summary>
    public void DefineWasi() => WasmtimeError.Check(wasmtime_linker_define_wasi(Handle.Raw));

    /// <summary>Defines a host function (<c>wasmtime_linker_define_func</c>).</summary>
    public unsafe void DefineFunc(string module, string name, WasmValueKind[] parameters, WasmValueKind[] results,
        WasmtimeHostFunc func)
    {
        nint type = NewFuncType(parameters, results);
        byte[] m = Encoding.UTF8.GetBytes(module), n = Encoding.UTF8.GetBytes(name);
        var state = GCHandle.Alloc(new HostFuncState(func, results));
        nint error;
        try
        {
            fixed (byte* mp = m)
            fixed (byte* np = n)
                error = wasmtime_linker_define_func(Handle.Raw, mp, (nuint)m.Length, np, (nuint)n.Length, type,
                    &Invoke, GCHandle.ToIntPtr(state), &Free);
        }
        finally
        {
            wasm_functype_delete(type); // the linker copied it
        }
        // On failure Wasmtime has already run the finalizer, which freed the GCHandle.
        WasmtimeError.Check(error);
    }

    /// <summary>Instantiates through the linker (<c>wasmtime_linker_instantiate</c>); a start function's trap is a
    /// <see cref="WasmtimeTrapException"/>, a missing import a <see cref="WasmtimeException"/>.</summary>
    public unsafe WasmtimeInstance Instantiate(WasmtimeStore store, WasmtimeModule module)
    {
        NativeInstance instance;
        nint trap = 0;
        nint error = wasmtime_linker_instantiate(Handle.Raw, store.Context, module.Handle.Raw, &instance, &trap);
        WasmtimeError.Check(error, trap);
        return new WasmtimeInstance(store, instance);
    }

    public void Dispose() => Handle.Dispose();

    private static unsafe nint NewFuncType(WasmValueKind[] parameters, WasmValueKind[] results)
    {
        PtrVec p = ValTypes(parameters), r = ValTypes(results);
        return wasm_functype_new(&p, &r); // takes both vectors
    }

    private static unsafe PtrVec ValTypes(WasmValueKind[] kinds)
    {
        var types = new nint[kinds.Length];
        for (int i = 0; i < kinds.Length; i++) types[i] = wasm_valtype_new((byte)kinds[i]);
        PtrVec vec;
        fixed (nint* t = types) wasm_valtype_vec_new(&vec, (nuint)types.Length, t); // takes the valtypes
        return vec;
    }

    private sealed record HostFuncState(WasmtimeHostFunc Func, WasmValueKind[] Results);

    [UnmanagedCallersOnly]
    private static unsafe nint Invoke(nint env, nint caller, NativeVal* args, nuint argCount, NativeVal* results, nuint resultCount)
    {
        try
        {
            var state = (HostFuncState)GCHandle.FromIntPtr(env).Target!;
            Span<WasmValue> managedArgs = argCount <= 8 ? stackalloc WasmValue[(int)argCount] : new WasmValue[argCount];
            for (int i = 0; i < (int)argCount; i++) managedArgs[i] = WasmtimeFunc.FromNative(args[i]);
            Span<WasmValue> managedResults = resultCount <= 8 ? stackalloc WasmValue[(int)resultCount] : new WasmValue[resultCount];
            for (int i = 0; i < (int)resultCount; i++) managedResults[i] = new WasmValue(state.Results[i], 0);
            state.Func(managedArgs, managedResults);
            for (int i = 0; i < (int)resultCount; i++)
            {
                if (managedResults[i].Kind != state.Results[i])
                    return WasmtimeError.NewTrap($"host function result {i} is {managedResults[i].Kind}, not {state.Results[i]}");
                results[i] = WasmtimeFunc.ToNative(managedResults[i]);
            }
            return 0;
        }
        catch (Exception e)
        {
            return WasmtimeError.NewTrap($"host function failed: {e.GetType().Name}: {e.Message}");
        }
    }

    [UnmanagedCallersOnly]
    private static void Free(nint env) => GCHandle.FromIntPtr(env).Free();
}
