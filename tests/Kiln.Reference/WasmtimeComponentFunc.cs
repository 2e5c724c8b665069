using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>An exported component function (<c>wasmtime_component_func_t</c>).</summary>
public sealed class WasmtimeComponentFunc
{
    private readonly NativeComponentFunc func;

    internal unsafe WasmtimeComponentFunc(WasmtimeStore store, NativeComponentFunc func)
    {
        Store = store;
        this.func = func;
        NativeComponentFunc f = func;
        nint type = wasmtime_component_func_type(&f, store.Context);
        try
        {
            ParameterCount = (int)wasmtime_component_func_type_param_count(type);
            NativeComponentValType result;
            HasResult = wasmtime_component_func_type_result(type, &result);
            if (HasResult) wasmtime_component_valtype_delete(&result);
        }
        finally
        {
            wasmtime_component_func_type_delete(type);
        }
    }

    public WasmtimeStore Store { get; }
    public int ParameterCount { get; }
    public bool HasResult { get; }

    /// <summary>Calls the function and then <see cref="PostReturn"/>; returns the result, or null if the type has none.</summary>
    public ComponentValue? Call(params ComponentValue[] args)
    {
        var result = CallWithoutPostReturn(args);
        PostReturn();
        return result;
    }

    /// <summary>
    /// <c>wasmtime_component_func_call</c> alone. A trap is a <see cref="WasmtimeTrapException"/> (after one the
    /// instance cannot be entered again: <see cref="WasmtimeTrapCode.CannotEnterComponent"/>), a <c>wasi:cli/exit</c> a
    /// <see cref="WasmtimeExitException"/>, a type mismatch of the arguments a <see cref="WasmtimeException"/>.
    /// </summary>
    public unsafe ComponentValue? CallWithoutPostReturn(params ComponentValue[] args)
    {
        var nativeArgs = new NativeComponentVal[args.Length];
        var nativeResult = new NativeComponentVal[HasResult ? 1 : 0]; // zeroed: `bool false`, which Wasmtime overwrites
        fixed (NativeComponentVal* a = nativeArgs)
        fixed (NativeComponentVal* r = nativeResult)
        {
            int built = 0;
            try
            {
                for (; built < args.Length; built++) ComponentValueMarshal.ToNative(args[built], &a[built]);
                NativeComponentFunc f = func;
                WasmtimeError.Check(wasmtime_component_func_call(&f, Store.Context, a, (nuint)args.Length, r, (nuint)nativeResult.Length));
                return HasResult ? ComponentValueMarshal.FromNative(r) : null;
            }
            finally
            {
                // The arguments are only borrowed by the call; a failed argument was left valid by ToNative.
                for (int i = 0; i < Math.Min(built + 1, args.Length); i++) wasmtime_component_val_delete(&a[i]);
                for (int i = 0; i < nativeResult.Length; i++) wasmtime_component_val_delete(&r[i]);
            }
        }
    }

    /// <summary><c>wasmtime_component_func_post_return</c>. In 50.0.1, as in Wasmtime's headers since it was
    /// deprecated, <c>wasmtime_component_func_call</c> runs the guest's post-return itself and this does nothing.</summary>
    public unsafe void PostReturn()
    {
        NativeComponentFunc f = func;
        WasmtimeError.Check(wasmtime_component_func_post_return(&f, Store.Context));
    }
}
