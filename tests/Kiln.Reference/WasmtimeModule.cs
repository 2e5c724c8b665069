using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>A compiled core module (<c>wasmtime_module_t</c>).</summary>
public sealed class WasmtimeModule : IDisposable
{
    private WasmtimeModule(WasmtimeEngine engine, nint module)
    {
        Engine = engine;
        Handle = new CoreModuleHandle(module);
    }

    public WasmtimeEngine Engine { get; }

    internal CoreModuleHandle Handle { get; }

    /// <summary>Validates and compiles (<c>wasmtime_module_new</c>).</summary>
    public static unsafe WasmtimeModule Compile(WasmtimeEngine engine, ReadOnlySpan<byte> wasm)
    {
        nint module;
        fixed (byte* p = wasm) WasmtimeError.Check(wasmtime_module_new(engine.Handle.Raw, p, (nuint)wasm.Length, &module));
        return new WasmtimeModule(engine, module);
    }

    /// <summary>Validates without compiling (<c>wasmtime_module_validate</c>): null if valid, else Wasmtime's message.</summary>
    public static unsafe string? Validate(WasmtimeEngine engine, ReadOnlySpan<byte> wasm)
    {
        nint error;
        fixed (byte* p = wasm) error = wasmtime_module_validate(engine.Handle.Raw, p, (nuint)wasm.Length);
        return error == 0 ? null : WasmtimeError.FromError(error).Message;
    }

    /// <summary>Wasmtime's precompiled form (<c>wasmtime_module_serialize</c>): an ELF object that <c>objdump -d</c> reads.</summary>
    public unsafe byte[] Serialize()
    {
        ByteVec bytes = default;
        WasmtimeError.Check(wasmtime_module_serialize(Handle.Raw, &bytes));
        try
        {
            return bytes.Span.ToArray();
        }
        finally
        {
            wasm_byte_vec_delete(&bytes);
        }
    }

    /// <summary>Loads what <see cref="Serialize"/> produced with a compatible engine (<c>wasmtime_module_deserialize</c>).
    /// Wasmtime trusts these bytes: only pass its own output.</summary>
    public static unsafe WasmtimeModule Deserialize(WasmtimeEngine engine, ReadOnlySpan<byte> serialized)
    {
        nint module;
        fixed (byte* p = serialized)
            WasmtimeError.Check(wasmtime_module_deserialize(engine.Handle.Raw, p, (nuint)serialized.Length, &module));
        return new WasmtimeModule(engine, module);
    }

    public void Dispose() => Handle.Dispose();
}
