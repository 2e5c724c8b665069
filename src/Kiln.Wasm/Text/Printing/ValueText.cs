using System.Globalization;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Text.Printing;

/// <summary>
/// Formats WebAssembly values as text, the way the CLI prints results (<c>kiln run --invoke</c>) and the
/// way the spec interpreter and wabt read them back. Every float form produced here is also a valid WAT
/// float literal.
/// <list type="bullet">
/// <item><b>i32, i64</b>: signed decimal (<c>-1</c>, <c>-9223372036854775808</c>).</item>
/// <item><b>f32, f64</b> (decimal): the shortest digit string that reads back to the same bits, computed
/// in the value's own width (an f32 is never widened: 0.1f prints <c>0.1</c>). Plain notation when the
/// scientific exponent is in [-6, 20] (<c>1.5</c>, <c>0.000001</c>, <c>16777216</c>, <c>-0</c>), otherwise
/// <c>d.ddde±x</c> (<c>1e+21</c>, <c>1e-7</c>, <c>1.401298e-45</c>); integral values carry no <c>.0</c>.
/// Infinities are <c>inf</c>/<c>-inf</c>. The canonical NaN (only the quiet bit set) is <c>nan</c>,
/// negative <c>-nan</c>; any other NaN prints its payload in lower-case hex: <c>nan:0x200000</c>, <c>-nan:0x1</c>.</item>
/// <item><b>f32, f64</b> (hex, <see cref="F32Hex"/>/<see cref="F64Hex"/>): normalized <c>0x1.8p+1</c>,
/// <c>0x1p-149</c> (subnormals normalized too), <c>0x0p+0</c>, <c>-0x0p+0</c>; inf and NaN as above.</item>
/// <item><b>v128</b>: <c>i32x4 0x00000001 0x00000002 0x00000003 0x00000004</c>, lanes little-endian, each
/// eight lower-case hex digits.</item>
/// <item><b>references</b>: <c>ref.null func</c>, <c>ref.null extern</c>, <c>ref.func 3</c>, <c>ref.extern 3</c>.</item>
/// </list>
/// </summary>
public static class ValueText
{
    public static string I32(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string I64(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Decimal f32 from its value; NaN payloads survive as long as the caller kept the bits.</summary>
    public static string F32(float value) => FloatText.DecimalF32(BitConverter.SingleToUInt32Bits(value));

    /// <summary>Decimal f32 from its bit pattern (the safe choice for NaNs).</summary>
    public static string F32Bits(uint bits) => FloatText.DecimalF32(bits);

    public static string F64(double value) => FloatText.DecimalF64(BitConverter.DoubleToUInt64Bits(value));

    public static string F64Bits(ulong bits) => FloatText.DecimalF64(bits);

    /// <summary>Hexadecimal f32 (exact by construction), as wasm2wat prints constants.</summary>
    public static string F32Hex(uint bits) => FloatText.HexF32(bits);

    public static string F64Hex(ulong bits) => FloatText.HexF64(bits);

    /// <summary>A v128 given as its low and high 8 bytes (little-endian), as four i32 lanes.</summary>
    public static string V128(ulong low, ulong high) =>
        string.Create(CultureInfo.InvariantCulture,
            $"i32x4 0x{(uint)low:x8} 0x{(uint)(low >> 32):x8} 0x{(uint)high:x8} 0x{(uint)(high >> 32):x8}");

    /// <summary>A v128 given as its 16 bytes in memory order.</summary>
    public static string V128(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 16) throw new ArgumentException("a v128 has 16 bytes", nameof(bytes));
        return V128(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
    }

    /// <summary><c>ref.null func</c> or <c>ref.null extern</c>.</summary>
    public static string RefNull(ValType type) => "ref.null " + HeapType(type);

    /// <summary>A non-null function reference, named by its function index.</summary>
    public static string FuncRef(uint functionIndex) => "ref.func " + functionIndex.ToString(CultureInfo.InvariantCulture);

    /// <summary>A non-null external reference, as the spec's <c>ref.extern N</c> host value.</summary>
    public static string ExternRef(ulong hostValue) => "ref.extern " + hostValue.ToString(CultureInfo.InvariantCulture);

    /// <summary>The heap type keyword of a reference type: <c>func</c> or <c>extern</c>.</summary>
    public static string HeapType(ValType type) => type switch
    {
        ValType.FuncRef => "func",
        ValType.ExternRef => "extern",
        ValType.ExnRef => "exn",
        _ => throw new ArgumentException($"{type.ToText()} is not a reference type", nameof(type)),
    };
}
