using System.Globalization;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// A WebAssembly value of any type, for dynamic calls and for globals and tables accessed from the host.
/// Floats keep their exact bits (NaN payloads survive). References are objects: a funcref is a
/// <see cref="Func"/> (or null), an externref any host object (or null).
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly ulong lo;
    private readonly ulong hi;
    private readonly object? reference;

    private Value(ValType type, ulong lo, ulong hi, object? reference)
    {
        Type = type;
        this.lo = lo;
        this.hi = hi;
        this.reference = reference;
    }

    /// <summary>The value's type.</summary>
    public ValType Type { get; }

    /// <summary>An i32.</summary>
    public static Value I32(int value) => new(ValType.I32, (uint)value, 0, null);

    /// <summary>An i64.</summary>
    public static Value I64(long value) => new(ValType.I64, (ulong)value, 0, null);

    /// <summary>An f32.</summary>
    public static Value F32(float value) => F32Bits(BitConverter.SingleToUInt32Bits(value));

    /// <summary>An f32 from its bit pattern.</summary>
    public static Value F32Bits(uint bits) => new(ValType.F32, bits, 0, null);

    /// <summary>An f64.</summary>
    public static Value F64(double value) => F64Bits(BitConverter.DoubleToUInt64Bits(value));

    /// <summary>An f64 from its bit pattern.</summary>
    public static Value F64Bits(ulong bits) => new(ValType.F64, bits, 0, null);

    /// <summary>A v128 (little-endian halves).</summary>
    public static Value V128(ulong low, ulong high) => new(ValType.V128, low, high, null);

    /// <summary>A v128.</summary>
    public static Value V128(UInt128 value) => new(ValType.V128, (ulong)value, (ulong)(value >> 64), null);

    /// <summary>A funcref; null is ref.null func.</summary>
    public static Value FuncRef(Func? func) => new(ValType.FuncRef, 0, 0, func);

    /// <summary>An externref; null is ref.null extern.</summary>
    public static Value ExternRef(object? value) => new(ValType.ExternRef, 0, 0, value);

    /// <summary>An exnref (a caught exception); null is ref.null exn.</summary>
    public static Value ExnRef(ExceptionObject? exception) => new(ValType.ExnRef, 0, 0, exception);

    /// <summary>The null reference of a reference type.</summary>
    public static Value Null(ValType type) =>
        type.IsReference() ? new(type, 0, 0, null) : throw new ArgumentException($"{type.ToText()} is not a reference type", nameof(type));

    /// <summary>The default (zero or null) value of <paramref name="type"/>.</summary>
    public static Value Default(ValType type) => new(type, 0, 0, null);

    /// <summary>The i32; throws for another type.</summary>
    public int AsI32() => (int)(uint)Expect(ValType.I32);

    /// <summary>The i64; throws for another type.</summary>
    public long AsI64() => (long)Expect(ValType.I64);

    /// <summary>The f32; throws for another type.</summary>
    public float AsF32() => BitConverter.UInt32BitsToSingle((uint)Expect(ValType.F32));

    /// <summary>The f32's bits; throws for another type.</summary>
    public uint AsF32Bits() => (uint)Expect(ValType.F32);

    /// <summary>The f64; throws for another type.</summary>
    public double AsF64() => BitConverter.UInt64BitsToDouble(Expect(ValType.F64));

    /// <summary>The f64's bits; throws for another type.</summary>
    public ulong AsF64Bits() => Expect(ValType.F64);

    /// <summary>The v128; throws for another type.</summary>
    public UInt128 AsV128()
    {
        Expect(ValType.V128);
        return new UInt128(hi, lo);
    }

    /// <summary>The funcref (null for ref.null); throws for another type.</summary>
    public Func? AsFuncRef()
    {
        Expect(ValType.FuncRef);
        return (Func?)reference;
    }

    /// <summary>The externref (null for ref.null); throws for another type.</summary>
    public object? AsExternRef()
    {
        Expect(ValType.ExternRef);
        return reference;
    }

    /// <summary>The exnref (null for ref.null exn); throws for another type.</summary>
    public ExceptionObject? AsExnRef()
    {
        Expect(ValType.ExnRef);
        return (ExceptionObject?)reference;
    }

    /// <summary>Whether this is a null reference.</summary>
    public bool IsNull => Type.IsReference() && reference is null;

    /// <summary>The low 8 bytes as stored in a value slot (numbers only).</summary>
    internal ulong RawLow => lo;

    internal ulong RawHigh => hi;

    internal object? Reference => reference;

    internal static Value FromRaw(ValType type, ulong low, ulong high) => new(type, low, high, null);

    internal static Value FromReference(ValType type, object? reference) => new(type, 0, 0, reference);

    private ulong Expect(ValType type) =>
        Type == type ? lo : throw new InvalidCastException($"the value is {Type.ToText()}, not {type.ToText()}");

    /// <summary>Bitwise equality for numbers, reference equality for references.</summary>
    public bool Equals(Value other) =>
        Type == other.Type && lo == other.lo && hi == other.hi && ReferenceEquals(reference, other.reference);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, lo, hi, reference);

    /// <summary>Bitwise equality.</summary>
    public static bool operator ==(Value a, Value b) => a.Equals(b);

    /// <summary>Bitwise inequality.</summary>
    public static bool operator !=(Value a, Value b) => !a.Equals(b);

    /// <summary>Converts an int to an i32 value.</summary>
    public static implicit operator Value(int value) => I32(value);

    /// <summary>Converts a long to an i64 value.</summary>
    public static implicit operator Value(long value) => I64(value);

    /// <summary>Converts a float to an f32 value.</summary>
    public static implicit operator Value(float value) => F32(value);

    /// <summary>Converts a double to an f64 value.</summary>
    public static implicit operator Value(double value) => F64(value);

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        ValType.I32 => $"i32:{AsI32()}",
        ValType.I64 => $"i64:{AsI64()}",
        ValType.F32 => $"f32:{AsF32().ToString(CultureInfo.InvariantCulture)}",
        ValType.F64 => $"f64:{AsF64().ToString(CultureInfo.InvariantCulture)}",
        ValType.V128 => $"v128:0x{hi:x16}{lo:x16}",
        ValType.FuncRef => reference is null ? "ref.null func" : $"funcref:{reference}",
        ValType.ExternRef => reference is null ? "ref.null extern" : $"externref:{reference}",
        _ => $"<{Type}>",
    };
}
