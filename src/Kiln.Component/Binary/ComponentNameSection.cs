using Kiln.Component.Model;
using Kiln.Wasm.Binary;

namespace Kiln.Component.Binary;

/// <summary>
/// The <c>component-name</c> custom section (Binary.md "Name Section"): subsection 0 names the component,
/// subsection 1 (repeatable) maps indices of one sort to names. Decoding is best effort: anything malformed
/// gives null and the section stays a plain custom section. Unknown subsections and sorts are skipped.
/// </summary>
public static class ComponentNameSection
{
    public const string SectionName = "component-name";

    public static ComponentNames? TryDecode(ReadOnlySpan<byte> content)
    {
        try
        {
            return Decode(content);
        }
        catch (ComponentDecodeException)
        {
            return null;
        }
    }

    private static ComponentNames Decode(ReadOnlySpan<byte> content)
    {
        var names = new ComponentNames();
        var r = new ComponentReader(content, 0);
        while (!r.AtEnd)
        {
            byte id = r.ReadByte();
            uint size = r.ReadU32();
            if (size > (uint)r.Remaining) throw r.Eof();
            var sub = new ComponentReader(r.ReadBytes((int)size), 0);
            switch (id)
            {
                case 0:
                    names.ComponentName = sub.ReadString(unlimited: true);
                    if (!sub.AtEnd) throw sub.Error("trailing data at the end of a name");
                    break;
                case 1:
                {
                    if (ReadSort(ref sub) is not { } sort) break;
                    int n = sub.ReadCount();
                    var map = new List<(uint, string)>(n);
                    for (int i = 0; i < n; i++)
                    {
                        uint index = sub.ReadU32();
                        map.Add((index, sub.ReadString(unlimited: true)));
                    }
                    if (!sub.AtEnd) throw sub.Error("trailing data at the end of a name map");
                    names.SortNames.Add((sort, map));
                    break;
                }
                default:
                    break;
            }
        }
        return names;
    }

    /// <summary>Writes the section's content (after its name): the component's name, then one map per sort in order.</summary>
    public static void Write(WasmWriter w, ComponentNames names)
    {
        using var sub = new WasmWriter(256);
        if (names.ComponentName is { } n)
        {
            sub.WriteName(n);
            w.WriteByte(0x00);
            w.WriteSized(sub.WrittenSpan);
        }
        foreach (var (sort, map) in names.SortNames)
        {
            sub.Clear();
            ComponentEncoder.WriteSort(sub, sort);
            sub.WriteU32((uint)map.Count);
            foreach (var (index, name) in map)
            {
                sub.WriteU32(index);
                sub.WriteName(name);
            }
            w.WriteByte(0x01);
            w.WriteSized(sub.WrittenSpan);
        }
    }

    /// <summary>The sort of a name map, or null for one this reader does not know (skipped, as wasmparser does).</summary>
    private static Sort? ReadSort(ref ComponentReader r)
    {
        byte b = r.ReadByte();
        if (b == 0x00)
        {
            byte c = r.ReadByte();
            return c is <= 0x04 or (>= 0x10 and <= 0x12) ? Sort.OfCore((CoreSort)c) : null;
        }
        return b is >= 0x01 and <= 0x05 ? new Sort((SortKind)b) : null;
    }
}
