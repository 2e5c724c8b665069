using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>A compiled component (<c>wasmtime_component_t</c>).</summary>
public sealed class WasmtimeComponent : IDisposable
{
    private WasmtimeComponent(WasmtimeEngine engine, nint component)
    {
        Engine = engine;
        Handle = new ComponentHandle(component);
    }

    public WasmtimeEngine Engine { get; }

    internal ComponentHandle Handle { get; }

    /// <summary>Validates and compiles a component binary (<c>wasmtime_component_new</c>).</summary>
    public static unsafe WasmtimeComponent Compile(WasmtimeEngine engine, ReadOnlySpan<byte> bytes)
    {
        nint component;
        fixed (byte* p = bytes) WasmtimeError.Check(wasmtime_component_new(engine.Handle.Raw, p, (nuint)bytes.Length, &component));
        return new WasmtimeComponent(engine, component);
    }

    /// <summary>
    /// Wasmtime as a validation oracle: null if <c>wasmtime_component_new</c> accepts <paramref name="bytes"/>,
    /// else its error message (which names the offending construct and its offset). Compiles what it accepts.
    /// </summary>
    public static unsafe string? Validate(WasmtimeEngine engine, ReadOnlySpan<byte> bytes)
    {
        nint component, error;
        fixed (byte* p = bytes) error = wasmtime_component_new(engine.Handle.Raw, p, (nuint)bytes.Length, &component);
        if (error != 0) return WasmtimeError.FromError(error).Message;
        wasmtime_component_delete(component);
        return null;
    }

    public unsafe byte[] Serialize()
    {
        ByteVec bytes = default;
        WasmtimeError.Check(wasmtime_component_serialize(Handle.Raw, &bytes));
        try
        {
            return bytes.Span.ToArray();
        }
        finally
        {
            wasm_byte_vec_delete(&bytes);
        }
    }

    /// <summary>Loads what <see cref="Serialize"/> produced (Wasmtime trusts these bytes).</summary>
    public static unsafe WasmtimeComponent Deserialize(WasmtimeEngine engine, ReadOnlySpan<byte> serialized)
    {
        nint component;
        fixed (byte* p = serialized)
            WasmtimeError.Check(wasmtime_component_deserialize(engine.Handle.Raw, p, (nuint)serialized.Length, &component));
        return new WasmtimeComponent(engine, component);
    }

    public void Dispose() => Handle.Dispose();
}
