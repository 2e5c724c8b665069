using System.Runtime.CompilerServices;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// The CLR types the typed call API maps to wasm types: int ↔ i32, long ↔ i64, float ↔ f32, double ↔ f64,
/// <see cref="UInt128"/> ↔ v128, <see cref="Func"/> ↔ funcref, <see cref="object"/> ↔ externref.
/// </summary>
public static class WasmValue<T>
{
    /// <summary>The wasm type of <typeparamref name="T"/>; throws for an unsupported type.</summary>
    public static ValType Type => s_type
        ?? throw new NotSupportedException($"{typeof(T)} has no wasm type; use int, long, float, double, UInt128, Func or object");

    // Nullable rather than throwing in the type initializer, which would surface as TypeInitializationException.
    private static readonly ValType? s_type = TypeOf();

    private static ValType? TypeOf() =>
        typeof(T) == typeof(int) ? ValType.I32
        : typeof(T) == typeof(long) ? ValType.I64
        : typeof(T) == typeof(float) ? ValType.F32
        : typeof(T) == typeof(double) ? ValType.F64
        : typeof(T) == typeof(UInt128) ? ValType.V128
        : typeof(T) == typeof(Func) ? ValType.FuncRef
        : typeof(T) == typeof(object) ? ValType.ExternRef
        : null;

    /// <summary>Wraps a CLR value.</summary>
    public static Value ToValue(T value) => value switch
    {
        int v when typeof(T) == typeof(int) => Value.I32(v),
        long v when typeof(T) == typeof(long) => Value.I64(v),
        float v when typeof(T) == typeof(float) => Value.F32(v),
        double v when typeof(T) == typeof(double) => Value.F64(v),
        UInt128 v when typeof(T) == typeof(UInt128) => Value.V128(v),
        _ when typeof(T) == typeof(Func) => Value.FuncRef((Func?)(object?)value),
        _ => Value.ExternRef(value),
    };

    /// <summary>Unwraps a value of type <see cref="Type"/>.</summary>
    public static T FromValue(in Value value)
    {
        if (typeof(T) == typeof(int)) return (T)(object)value.AsI32();
        if (typeof(T) == typeof(long)) return (T)(object)value.AsI64();
        if (typeof(T) == typeof(float)) return (T)(object)value.AsF32();
        if (typeof(T) == typeof(double)) return (T)(object)value.AsF64();
        if (typeof(T) == typeof(UInt128)) return (T)(object)value.AsV128();
        if (typeof(T) == typeof(Func)) return (T)(object?)value.AsFuncRef()!;
        return (T)value.AsExternRef()!;
    }

    /// <summary>Writes <paramref name="value"/> into a 16-byte value slot (references in the store's raw form).
    /// The checks on <typeparamref name="T"/> fold away when the JIT specializes for a value type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void WriteSlot(Store store, ulong* slot, T value)
    {
        if (typeof(T) == typeof(int)) slot[0] = (uint)Unsafe.As<T, int>(ref value);
        else if (typeof(T) == typeof(long)) slot[0] = (ulong)Unsafe.As<T, long>(ref value);
        else if (typeof(T) == typeof(float)) slot[0] = BitConverter.SingleToUInt32Bits(Unsafe.As<T, float>(ref value));
        else if (typeof(T) == typeof(double)) slot[0] = BitConverter.DoubleToUInt64Bits(Unsafe.As<T, double>(ref value));
        else if (typeof(T) == typeof(UInt128))
        {
            var v = Unsafe.As<T, UInt128>(ref value);
            slot[0] = (ulong)v;
            slot[1] = (ulong)(v >> 64);
        }
        else slot[0] = (ulong)store.ReferenceToRaw(ToValue(value));
    }

    /// <summary>Reads a value of type <see cref="Type"/> from a 16-byte value slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe T ReadSlot(Store store, ulong* slot)
    {
        if (typeof(T) == typeof(int)) { int v = (int)(uint)slot[0]; return Unsafe.As<int, T>(ref v); }
        if (typeof(T) == typeof(long)) { long v = (long)slot[0]; return Unsafe.As<long, T>(ref v); }
        if (typeof(T) == typeof(float)) { float v = BitConverter.UInt32BitsToSingle((uint)slot[0]); return Unsafe.As<float, T>(ref v); }
        if (typeof(T) == typeof(double)) { double v = BitConverter.UInt64BitsToDouble(slot[0]); return Unsafe.As<double, T>(ref v); }
        if (typeof(T) == typeof(UInt128)) { var v = new UInt128(slot[1], slot[0]); return Unsafe.As<UInt128, T>(ref v); }
        return FromValue(store.ReferenceFromRaw(Type, (nint)slot[0]));
    }
}
