using System.Runtime.InteropServices;
using System.Text;
using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>A host function of a component: takes the lifted arguments, returns the results (as many as the
/// import's type has: 0 or 1). An exception becomes an error that traps the guest, carrying its message.</summary>
public delegate ComponentValue[] ComponentHostFunc(IReadOnlyList<ComponentValue> args);

/// <summary>A component linker (<c>wasmtime_component_linker_t</c>): WASI 0.2 and host functions in nested instances.</summary>
public sealed class WasmtimeComponentLinker : IDisposable
{
    public WasmtimeComponentLinker(WasmtimeEngine engine)
    {
        Engine = engine;
        Handle = new ComponentLinkerHandle(wasmtime_component_linker_new(engine.Handle.Raw));
    }

    public WasmtimeEngine Engine { get; }

    internal ComponentLinkerHandle Handle { get; }

    /// <summary>Adds every WASI 0.2 interface (<c>wasmtime_component_linker_add_wasip2</c>); the store needs
    /// <see cref="WasmtimeStore.SetWasi"/> before instantiating.</summary>
    public void AddWasip2() => WasmtimeError.Check(wasmtime_component_linker_add_wasip2(Handle.Raw));

    /// <summary>
    /// Defines a host function <paramref name="name"/> inside the instance reached by <paramref name="instancePath"/>
    /// from the root (empty: the root itself), e.g. <c>["my:pkg/iface"]</c>, "f"
    /// (<c>wasmtime_component_linker_instance_add_instance</c>, <c>_add_func</c>).
    /// </summary>
    public unsafe void AddFunc(IReadOnlyList<string> instancePath, string name, ComponentHostFunc func)
    {
        // Each linker instance holds the linker exclusively until deleted: innermost first.
        var chain = new List<nint> { wasmtime_component_linker_root(Handle.Raw) };
        try
        {
            foreach (string part in instancePath)
            {
                byte[] p = Encoding.UTF8.GetBytes(part);
                nint child;
                fixed (byte* pp = p) WasmtimeError.Check(wasmtime_component_linker_instance_add_instance(chain[^1], pp, (nuint)p.Length, &child));
                chain.Add(child);
            }
            byte[] n = Encoding.UTF8.GetBytes(name);
            var state = GCHandle.Alloc(func);
            nint error;
            fixed (byte* np = n)
                error = wasmtime_component_linker_instance_add_func(chain[^1], np, (nuint)n.Length, &Invoke, GCHandle.ToIntPtr(state), &Free);
            WasmtimeError.Check(error); // on failure Wasmtime has run the finalizer already
        }
        finally
        {
            for (int i = chain.Count - 1; i >= 0; i--) wasmtime_component_linker_instance_delete(chain[i]);
        }
    }

    /// <summary>Instantiates (<c>wasmtime_component_linker_instantiate</c>).</summary>
    public unsafe WasmtimeComponentInstance Instantiate(WasmtimeStore store, WasmtimeComponent component)
    {
        NativeComponentInstance instance;
        WasmtimeError.Check(wasmtime_component_linker_instantiate(Handle.Raw, store.Context, component.Handle.Raw, &instance));
        return new WasmtimeComponentInstance(store, instance);
    }

    public void Dispose() => Handle.Dispose();

    [UnmanagedCallersOnly]
    private static unsafe nint Invoke(nint env, nint context, nint type, NativeComponentVal* args, nuint argCount,
        NativeComponentVal* results, nuint resultCount)
    {
        try
        {
            var func = (ComponentHostFunc)GCHandle.FromIntPtr(env).Target!;
            var managedArgs = new ComponentValue[(int)argCount];
            for (int i = 0; i < managedArgs.Length; i++) managedArgs[i] = ComponentValueMarshal.FromNative(&args[i]);
            var managedResults = func(managedArgs);
            if ((nuint)managedResults.Length != resultCount)
                return WasmtimeError.NewError($"host function returned {managedResults.Length} values, its type has {resultCount}");
            // The result slots hold `bool false`, which owns nothing: overwriting them leaks nothing, and
            // Wasmtime frees what is written after it has read it.
            for (int i = 0; i < managedResults.Length; i++) ComponentValueMarshal.ToNative(managedResults[i], &results[i]);
            return 0;
        }
        catch (Exception e)
        {
            return WasmtimeError.NewError($"host function failed: {e.GetType().Name}: {e.Message}");
        }
    }

    [UnmanagedCallersOnly]
    private static void Free(nint env) => GCHandle.FromIntPtr(env).Free();
}
