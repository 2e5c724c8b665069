namespace Kiln.Runtime.Builtins;

/// <summary>
/// The bulk table instructions with the spec's semantics: bounds checked before any element is written
/// (false = out of bounds, nothing changed), copies overlap-safe. Elements are raw 8-byte entries.
/// Shared by the builtins and instantiation.
/// </summary>
internal static class TableOps
{
    public static int Grow(Instance instance, uint table, nint init, uint delta) =>
        instance.Tables[table].TryGrowRaw(delta, init, out uint old) ? (int)old : -1;

    public static bool Fill(Instance instance, uint table, uint dst, nint value, uint length)
    {
        var t = instance.Tables[table];
        if (!t.InBounds(dst, length))
            return false;
        t.FillRaw(dst, value, length);
        return true;
    }

    public static bool Copy(Instance instance, uint dstTable, uint srcTable, uint dst, uint src, uint length)
    {
        var d = instance.Tables[dstTable];
        var s = instance.Tables[srcTable];
        if (!d.InBounds(dst, length) || !s.InBounds(src, length))
            return false;
        Table.CopyRaw(d, dst, s, src, length);
        return true;
    }

    public static bool Init(Instance instance, uint table, uint element, uint dst, uint src, uint length)
    {
        var t = instance.Tables[table];
        var segment = instance.ElementSegments[element];
        if ((ulong)src + length > (ulong)segment.Length || !t.InBounds(dst, length))
            return false;
        t.WriteRaw(dst, segment.AsSpan((int)src, (int)length));
        return true;
    }

    public static void ElemDrop(Instance instance, uint element) => instance.ElementSegments[element] = [];
}
