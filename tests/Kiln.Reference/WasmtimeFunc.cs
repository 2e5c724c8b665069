using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>A core function (<c>wasmtime_func_t</c>) with its type, read once.</summary>
public sealed class WasmtimeFunc
{
    private readonly NativeFunc func;

    internal unsafe WasmtimeFunc(WasmtimeStore store, NativeFunc func)
    {
        Store = store;
        this.func = func;
        NativeFunc f = func;
        nint type = wasmtime_func_type(store.Context, &f);
        try
        {
            Parameters = Kinds(wasm_functype_params(type));
            Results = Kinds(wasm_functype_results(type));
        }
        finally
        {
            wasm_functype_delete(type);
        }
    }

    public WasmtimeStore Store { get; }
    public IReadOnlyList<WasmValueKind> Parameters { get; }
    public IReadOnlyList<WasmValueKind> Results { get; }

    /// <summary>Calls the function (<c>wasmtime_func_call</c>). A trap is a <see cref="WasmtimeTrapException"/>
    /// with its code, a WASI exit a <see cref="WasmtimeExitException"/>, a wrong argument a <see cref="WasmtimeException"/>.</summary>
    public unsafe WasmValue[] Call(params WasmValue[] args)
    {
        var nativeArgs = new NativeVal[args.Length];
        for (int i = 0; i < args.Length; i++) nativeArgs[i] = ToNative(args[i]);
        var nativeResults = new NativeVal[Results.Count];
        NativeFunc f = func;
        nint trap = 0, error;
        fixed (NativeVal* a = nativeArgs)
        fixed (NativeVal* r = nativeResults)
            error = wasmtime_func_call(Store.Context, &f, a, (nuint)args.Length, r, (nuint)nativeResults.Length, &trap);
        WasmtimeError.Check(error, trap);
        var results = new WasmValue[nativeResults.Length];
        for (int i = 0; i < results.Length; i++) results[i] = FromNative(nativeResults[i]);
        return results;
    }

    internal static NativeVal ToNative(WasmValue v)
    {
        var n = new NativeVal { Kind = WasmValue.ToWasmtimeKind(v.Kind) };
        n.I64 = (long)v.Bits; // the union's low bytes hold i32/f32 (little-endian)
        return n;
    }

    internal static WasmValue FromNative(NativeVal n)
    {
        var kind = WasmValue.FromWasmtimeKind(n.Kind);
        ulong bits = kind is WasmValueKind.I32 or WasmValueKind.F32 ? (uint)n.I32 : (ulong)n.I64;
        return new WasmValue(kind, bits);
    }

    private static unsafe WasmValueKind[] Kinds(PtrVec* types)
    {
        var kinds = new WasmValueKind[(int)types->Size];
        for (int i = 0; i < kinds.Length; i++)
        {
            byte k = wasm_valtype_kind(types->Data[i]);
            kinds[i] = k <= 3 ? (WasmValueKind)k : throw new WasmtimeException($"wasm_valkind_t {k} is not supported by Kiln.Reference");
        }
        return kinds;
    }
}
