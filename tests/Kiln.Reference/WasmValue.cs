namespace Kiln.Reference;

/// <summary>Core value types as <c>wasm_valkind_t</c> numbers them (the numbers <c>wasmtime_val_t</c> uses differ:
/// see <see cref="WasmValue"/>).</summary>
public enum WasmValueKind : byte
{
    I32 = 0,
    I64 = 1,
    F32 = 2,
    F64 = 3,
}

/// <summary>A core wasm number: its kind and bits (floats keep their exact bit pattern, NaN payloads included).</summary>
public readonly record struct WasmValue(WasmValueKind Kind, ulong Bits)
{
    public static WasmValue FromI32(int v) => new(WasmValueKind.I32, (uint)v);
    public static WasmValue FromI64(long v) => new(WasmValueKind.I64, (ulong)v);
    public static WasmValue FromF32(float v) => new(WasmValueKind.F32, BitConverter.SingleToUInt32Bits(v));
    public static WasmValue FromF64(double v) => new(WasmValueKind.F64, BitConverter.DoubleToUInt64Bits(v));

    public int I32 => Kind == WasmValueKind.I32 ? (int)(uint)Bits : throw Mismatch(WasmValueKind.I32);
    public long I64 => Kind == WasmValueKind.I64 ? (long)Bits : throw Mismatch(WasmValueKind.I64);
    public float F32 => Kind == WasmValueKind.F32 ? BitConverter.UInt32BitsToSingle((uint)Bits) : throw Mismatch(WasmValueKind.F32);
    public double F64 => Kind == WasmValueKind.F64 ? BitConverter.UInt64BitsToDouble(Bits) : throw Mismatch(WasmValueKind.F64);

    private InvalidOperationException Mismatch(WasmValueKind wanted) => new($"value is {Kind}, not {wanted}");

    public override string ToString() => Kind switch
    {
        WasmValueKind.I32 => $"i32:{I32}",
        WasmValueKind.I64 => $"i64:{I64}",
        WasmValueKind.F32 => $"f32:{F32}",
        _ => $"f64:{F64}",
    };

    // wasmtime_val_t's kinds (WASMTIME_I32 = 0 ... WASMTIME_F64 = 3) happen to match wasm_valkind_t's for
    // numbers; conversions go through these two functions so a difference would be fixed in one place.
    internal static byte ToWasmtimeKind(WasmValueKind kind) => (byte)kind;

    internal static WasmValueKind FromWasmtimeKind(byte kind) => kind <= 3
        ? (WasmValueKind)kind
        : throw new WasmtimeException($"wasmtime_val_t kind {kind} (a reference or v128) is not supported by Kiln.Reference");
}
