using Kiln.Wasm.Model;

namespace Kiln.Wasm.Text.Wast;

/// <summary>
/// A concrete value in a script (an argument, or an exact expected result): its type and raw bits.
/// Numbers keep their bit pattern in <see cref="Bits"/> (floats as IEEE bits, so NaN payloads
/// survive); v128 uses <see cref="Bits"/> as the low and <see cref="High"/> as the high 8 bytes
/// (little-endian lane order). References are null (<see cref="IsNull"/>) or, for externref, the
/// host reference number <c>N</c> of <c>ref.extern N</c> in <see cref="Bits"/>.
/// </summary>
public readonly record struct WastValue(ValType Type, ulong Bits, ulong High = 0, bool IsNull = false)
{
    public static WastValue I32(int v) => new(ValType.I32, (uint)v);
    public static WastValue I64(long v) => new(ValType.I64, (ulong)v);
    public static WastValue F32Bits(uint bits) => new(ValType.F32, bits);
    public static WastValue F64Bits(ulong bits) => new(ValType.F64, bits);
    public static WastValue V128(ulong low, ulong high) => new(ValType.V128, low, high);
    public static WastValue RefNull(ValType refType) => new(refType, 0, 0, true);
    public static WastValue RefExtern(uint hostRef) => new(ValType.ExternRef, hostRef);

    public int AsI32 => (int)(uint)Bits;
    public long AsI64 => (long)Bits;
    public float AsF32 => BitConverter.Int32BitsToSingle((int)(uint)Bits);
    public double AsF64 => BitConverter.Int64BitsToDouble((long)Bits);

    public override string ToString() => Type switch
    {
        ValType.I32 => $"(i32.const {AsI32})",
        ValType.I64 => $"(i64.const {AsI64})",
        ValType.F32 => $"(f32.const {AsF32} 0x{(uint)Bits:x8})",
        ValType.F64 => $"(f64.const {AsF64} 0x{Bits:x16})",
        ValType.V128 => $"(v128.const i64x2 0x{Bits:x16} 0x{High:x16})",
        ValType.FuncRef when IsNull => "(ref.null func)",
        ValType.ExternRef when IsNull => "(ref.null extern)",
        ValType.ExternRef => $"(ref.extern {Bits})",
        _ => $"(ref.func {Bits})",
    };
}
