using Kiln.Component.Model;
using Kiln.Component.Validation.Types;

namespace Kiln.Component.Validation.Canonical;

/// <summary>
/// Element size and alignment of value types with 64-bit pointers (CanonicalABI.md "Element Size").
/// Validation requires every defined value type's element size to be below 2^28 (Binary.md), so sizes
/// here saturate well above that instead of overflowing.
/// </summary>
internal static class ElementSize
{
    public const long Limit = 1L << 28;
    private const long Saturated = 1L << 40;
    private const int PointerSize = 8;

    public static (long Size, int Align) Of(TypeArena types, ResolvedValType t) =>
        t.IsPrimitive ? Primitive(t.Primitive) : (types.Defined(t.Type).ElemSize, types.Defined(t.Type).Alignment);

    public static (long Size, int Align) Primitive(PrimValType p) => p switch
    {
        PrimValType.Bool or PrimValType.S8 or PrimValType.U8 => (1, 1),
        PrimValType.S16 or PrimValType.U16 => (2, 2),
        PrimValType.S64 or PrimValType.U64 or PrimValType.F64 => (8, 8),
        PrimValType.String => (2 * PointerSize, PointerSize),
        _ => (4, 4),
    };

    /// <summary>The layout of a defined type whose children are already laid out.</summary>
    public static (long Size, int Align) Of(TypeArena types, DefinedTypeData d)
    {
        switch (d.Kind)
        {
            case DefinedKind.Primitive: return Primitive(d.Primitive);
            case DefinedKind.List or DefinedKind.Map: return (2 * PointerSize, PointerSize);
            case DefinedKind.FixedList:
            {
                var (s, a) = Of(types, d.Types[0]!.Value);
                return (Math.Min(Saturated, s * d.Length), a);
            }
            case DefinedKind.Record or DefinedKind.Tuple:
            {
                long size = 0;
                int align = 1;
                foreach (var f in d.Types)
                {
                    var (s, a) = Of(types, f!.Value);
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
                    var (s, a) = Of(types, ct);
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
