using Kiln.Wasm.Model;

namespace Kiln.Wasm.Binary;

/// <summary>The eight binary forms of an element segment: which fit a segment, and the smallest that does.</summary>
public static class ElementEncoding
{
    /// <summary>Whether form <paramref name="encoding"/> (0–7) can express <paramref name="segment"/> exactly.</summary>
    public static bool Fits(ElementSegment segment, int encoding)
    {
        if (encoding is < 0 or > 7) return false;
        bool expressions = (encoding & 4) != 0;
        if (expressions != (segment.Expressions is not null)) return false;
        var mode = (encoding & 1) == 0 ? SegmentMode.Active : (encoding & 2) != 0 ? SegmentMode.Declarative : SegmentMode.Passive;
        if (mode != segment.Mode) return false;
        // Index forms only carry funcref; forms 0 and 4 also imply table 0 and funcref.
        if (!expressions && segment.ElementType != ValType.FuncRef) return false;
        if ((encoding & 3) == 0 && (segment.TableIndex != 0 || segment.ElementType != ValType.FuncRef)) return false;
        return true;
    }

    /// <summary>The recorded form when it still fits, else the smallest form that does.</summary>
    public static int Choose(ElementSegment segment)
    {
        if (Fits(segment, segment.Encoding)) return segment.Encoding;
        int baseForm = segment.Expressions is not null ? 4 : 0;
        return segment.Mode switch
        {
            SegmentMode.Passive => baseForm | 1,
            SegmentMode.Declarative => baseForm | 3,
            _ => Fits(segment, baseForm) ? baseForm : baseForm | 2,
        };
    }
}
