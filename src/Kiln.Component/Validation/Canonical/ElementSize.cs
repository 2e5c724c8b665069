using Kiln.Component.Model;
using Kiln.Component.Validation.Types;

namespace Kiln.Component.Validation.Canonical;

/// <summary>
/// Element size and alignment of value types with 64-bit pointers (CanonicalABI.md "Element Size").
/// Validation requires every defined value type's element size to be below 2^28 (Binary.md), so sizes
/// here saturate well above that instead of overflowing.
/// </summary>
public static class ElementSize
{
    public const long Limit = 1L << 28;
    private const long Saturated = 1L << 40;
    private const int PointerSize = 8;

    /// <summary>Size and alignment with 64-bit pointers (cached per defined type: validation's limit check).</summary>
    public static (long Size, int Align) Of(TypeArena types, ResolvedValType t) =>
        t.IsPrimitive ? Primitive(t.Primitive) : (types.Defined(t.Type).ElemSize, types.Defined(t.Type).Alignment);

    /// <summary>Size and alignment with pointers of <paramref name="pointerSize"/> bytes (4 for a 32-bit memory:
    /// the layout the canonical ABI uses at run time).</summary>
    public static (long Size, int Align) Of(TypeArena types, ResolvedValType t, int pointerSize) =>
        pointerSize == PointerSize ? Of(types, t)
        : t.IsPrimitive ? Primitive(t.Primitive, pointerSize) : Of(types, types.Defined(t.Type), pointerSize);

    public static (long Size, int Align) Primitive(PrimValType p, int pointerSize = PointerSize) => p switch
    {
        PrimValType.Bool or PrimValType.S8 or PrimValType.U8 => (1, 1),
        PrimValType.S16 or PrimValType.U16 => (2, 2),
        PrimValType.S64 or PrimValType.U64 or PrimValType.F64 => (8, 8),
        PrimValType.String => (2 * pointerSize, pointerSize),
        _ => (4, 4),
    };

    /// <summary>The layout of a defined type whose children are already laid out.</summary>
    public static (long Size, int Align) Of(TypeArena types, DefinedTypeData d, int pointerSize = PointerSize)
    {
        switch (d.Kind)
        {
            case DefinedKind.Primitive: return Primitive(d.Primitive, pointerSize);
            case DefinedKind.List or DefinedKind.Map: return (2 * pointerSize, pointerSize);
            case DefinedKind.FixedList:
            {
                var (s, a) = Of(types, d.Types[0]!.Value, pointerSize);
                return (Math.Min(Saturated, s * d.Length), a);
            }
            case DefinedKind.Record or DefinedKind.Tuple:
            {
                long size = 0;
                int align = 1;
                foreach (var f in d.Types)
                {
                    var (s, a) = Of(types, f!.Value, pointerSize);
                    size = Math.Min(Saturated, AlignTo(size, a) + s);
                    align = Math.Max(align, a);
                }
                return (AlignTo(size, align), align);
            }
            case DefinedKind.Flags:
                return d.Names.Length <= 8 ? (1, 1) : d.Names.Length <= 16 ? (2, 2) : (4, 4);
            case DefinedKind.Variant or DefinedKind.Option or DefinedKind.Result or DefinedKind.Enum:
            {
                int cases = d.Kind switch { DefinedKind.Variant or DefinedKind.Enum => d.Names.Length, _ => 2 };
                int disc = cases <= 256 ? 1 : cases <= 65536 ? 2 : 4;
                int caseAlign = 1;
                long payload = 0;
                foreach (var c in d.Types)
                {
                    if (c is not { } ct) continue;
                    var (s, a) = Of(types, ct, pointerSize);
                    caseAlign = Math.Max(caseAlign, a);
                    payload = Math.Max(payload, s);
                }
                int align = Math.Max(disc, caseAlign);
                long size = Math.Min(Saturated, AlignTo(disc, caseAlign) + payload);
                return (AlignTo(size, align), align);
            }
            default: // own, borrow, stream, future
                return (4, 4);
        }
    }

    private static long AlignTo(long n, int align) => (n + align - 1) / align * align;
}
