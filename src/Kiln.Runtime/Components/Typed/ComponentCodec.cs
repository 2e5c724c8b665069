using System.Runtime.CompilerServices;
using System.Text;
using Kiln.Component.Model;
using Kiln.Runtime.Components.Abi;

namespace Kiln.Runtime.Components.Typed;

/// <summary>
/// The CLR types a typed view of a component function maps to component types: bool, sbyte/byte (s8/u8),
/// short/ushort, int/uint, long/ulong, float/double (f32/f64), <see cref="Rune"/> (char) and string; and
/// <see cref="ValueTuple"/> (<c>()</c>) for "no result". The checks on <typeparamref name="T"/> fold away when the
/// JIT specializes for a value type.
/// </summary>
internal static unsafe class ComponentCodec<T>
{
    /// <summary>The primitive component type of <typeparamref name="T"/>; null when it has none.</summary>
    public static readonly PrimValType? Prim =
        typeof(T) == typeof(bool) ? PrimValType.Bool
        : typeof(T) == typeof(sbyte) ? PrimValType.S8
        : typeof(T) == typeof(byte) ? PrimValType.U8
        : typeof(T) == typeof(short) ? PrimValType.S16
        : typeof(T) == typeof(ushort) ? PrimValType.U16
        : typeof(T) == typeof(int) ? PrimValType.S32
        : typeof(T) == typeof(uint) ? PrimValType.U32
        : typeof(T) == typeof(long) ? PrimValType.S64
        : typeof(T) == typeof(ulong) ? PrimValType.U64
        : typeof(T) == typeof(float) ? PrimValType.F32
        : typeof(T) == typeof(double) ? PrimValType.F64
        : typeof(T) == typeof(Rune) ? PrimValType.Char
        : typeof(T) == typeof(string) ? PrimValType.String
        : null;

    /// <summary>No result: the view's TResult is <see cref="ValueTuple"/>.</summary>
    public static bool IsUnit => typeof(T) == typeof(ValueTuple);

    /// <summary>16-byte slots the value takes flat: a string is (pointer, length).</summary>
    public static int FlatSlots => typeof(T) == typeof(string) ? 2 : 1;

    /// <summary>Writes the value's flat core values into <paramref name="slots"/> (lower_flat).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Lower(TypedCallSite site, ulong* slots, T value)
    {
        if (typeof(T) == typeof(bool)) slots[0] = Unsafe.As<T, bool>(ref value) ? 1u : 0u;
        else if (typeof(T) == typeof(sbyte)) slots[0] = (uint)(int)Unsafe.As<T, sbyte>(ref value);
        else if (typeof(T) == typeof(byte)) slots[0] = Unsafe.As<T, byte>(ref value);
        else if (typeof(T) == typeof(short)) slots[0] = (uint)(int)Unsafe.As<T, short>(ref value);
        else if (typeof(T) == typeof(ushort)) slots[0] = Unsafe.As<T, ushort>(ref value);
        else if (typeof(T) == typeof(int)) slots[0] = (uint)Unsafe.As<T, int>(ref value);
        else if (typeof(T) == typeof(uint)) slots[0] = Unsafe.As<T, uint>(ref value);
        else if (typeof(T) == typeof(long)) slots[0] = (ulong)Unsafe.As<T, long>(ref value);
        else if (typeof(T) == typeof(ulong)) slots[0] = Unsafe.As<T, ulong>(ref value);
        else if (typeof(T) == typeof(float)) slots[0] = BitConverter.SingleToUInt32Bits(Unsafe.As<T, float>(ref value));
        else if (typeof(T) == typeof(double)) slots[0] = BitConverter.DoubleToUInt64Bits(Unsafe.As<T, double>(ref value));
        else if (typeof(T) == typeof(Rune)) slots[0] = (uint)Unsafe.As<T, Rune>(ref value).Value;
        else site.LowerString((string)(object)value!, slots);
    }

    /// <summary>Lifts the result from the callee's flat results (lift_flat), or through the return pointer in
    /// slot 0 when it does not fit in one flat value (a string).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Lift(TypedCallSite site, ulong* slots)
    {
        ulong b = slots[0];
        if (typeof(T) == typeof(bool)) { bool v = (uint)b != 0; return Unsafe.As<bool, T>(ref v); }
        if (typeof(T) == typeof(sbyte)) { sbyte v = (sbyte)b; return Unsafe.As<sbyte, T>(ref v); }
        if (typeof(T) == typeof(byte)) { byte v = (byte)b; return Unsafe.As<byte, T>(ref v); }
        if (typeof(T) == typeof(short)) { short v = (short)b; return Unsafe.As<short, T>(ref v); }
        if (typeof(T) == typeof(ushort)) { ushort v = (ushort)b; return Unsafe.As<ushort, T>(ref v); }
        if (typeof(T) == typeof(int)) { int v = (int)b; return Unsafe.As<int, T>(ref v); }
        if (typeof(T) == typeof(uint)) { uint v = (uint)b; return Unsafe.As<uint, T>(ref v); }
        if (typeof(T) == typeof(long)) { long v = (long)b; return Unsafe.As<long, T>(ref v); }
        if (typeof(T) == typeof(ulong)) return Unsafe.As<ulong, T>(ref b);
        if (typeof(T) == typeof(float))
        {
            float v = BitConverter.UInt32BitsToSingle((uint)CanonicalAbi.CanonicalizeF32(b));
            return Unsafe.As<float, T>(ref v);
        }
        if (typeof(T) == typeof(double))
        {
            double v = BitConverter.UInt64BitsToDouble(CanonicalAbi.CanonicalizeF64(b));
            return Unsafe.As<double, T>(ref v);
        }
        if (typeof(T) == typeof(Rune)) { var v = new Rune(CanonicalAbi.CharCheck((uint)b)); return Unsafe.As<Rune, T>(ref v); }
        if (typeof(T) == typeof(ValueTuple)) return default!;
        var (ptr, units) = site.LoadStringPair((uint)b);
        return (T)(object)site.LiftString(ptr, units);
    }
}
