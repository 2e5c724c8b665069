namespace Kiln.Fuzz;

/// <summary>One section's framing in a binary: where it starts, where its size field and content are.</summary>
public readonly record struct SectionSpan(int Start, byte Id, int SizeAt, int SizeLength, int ContentAt, int End);

/// <summary>Finds the sections of a (possibly damaged) binary, stopping at the first frame that does not parse,
/// so structure-aware mutations can target sizes, counts and whole sections.</summary>
public static class SectionMap
{
    public static List<SectionSpan> Parse(ReadOnlySpan<byte> bytes)
    {
        var list = new List<SectionSpan>();
        int pos = 8;
        while (pos < bytes.Length)
        {
            int start = pos;
            byte id = bytes[pos++];
            int sizeAt = pos;
            if (!TryReadU32(bytes, ref pos, out uint size) || size > (uint)(bytes.Length - pos)) break;
            list.Add(new SectionSpan(start, id, sizeAt, pos - sizeAt, pos, pos + (int)size));
            pos += (int)size;
        }
        return list;
    }

    public static bool TryReadU32(ReadOnlySpan<byte> bytes, ref int pos, out uint value)
    {
        value = 0;
        for (int shift = 0; shift < 35 && pos < bytes.Length; shift += 7)
        {
            byte b = bytes[pos++];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return true;
        }
        return false;
    }
}
