using Kiln.Wasm.Model;

namespace Kiln.Runtime.Internal;

/// <summary>
/// Reads and writes <see cref="Value"/>s in 16-byte value slots (globals, trampoline argument arrays):
/// i32/f32 in the low 4 bytes, i64/f64/references in the low 8, v128 in all 16. References go through the
/// store's raw forms.
/// </summary>
internal static unsafe class ValueSlots
{
    public static void Write(Store store, nint slot, in Value value)
    {
        var p = (ulong*)slot;
        switch (value.Type)
        {
            case ValType.I32:
            case ValType.F32:
                // Zero the upper bytes so slots compare and hash deterministically.
                p[0] = (uint)value.RawLow;
                p[1] = 0;
                break;
            case ValType.I64:
            case ValType.F64:
                p[0] = value.RawLow;
                p[1] = 0;
                break;
            case ValType.V128:
                p[0] = value.RawLow;
                p[1] = value.RawHigh;
                break;
            default:
                p[0] = (ulong)store.ReferenceToRaw(value);
                p[1] = 0;
                break;
        }
    }

    public static Value Read(Store store, nint slot, ValType type)
    {
        var p = (ulong*)slot;
        return type switch
        {
            ValType.I32 or ValType.F32 => Value.FromRaw(type, *(uint*)p, 0),
            ValType.I64 or ValType.F64 => Value.FromRaw(type, p[0], 0),
            ValType.V128 => Value.FromRaw(type, p[0], p[1]),
            _ => store.ReferenceFromRaw(type, (nint)p[0]),
        };
    }

    /// <summary>Writes a raw (already converted) value: low and high 8 bytes.</summary>
    public static void WriteRaw(nint slot, ulong low, ulong high)
    {
        var p = (ulong*)slot;
        p[0] = low;
        p[1] = high;
    }
}
