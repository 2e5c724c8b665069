using System.Buffers.Binary;
using System.Text;

namespace Kiln.Compiler.Artifacts;

/// <summary>Bounds-checked little-endian reads from a Kiln section; running off the end is a malformed artifact.</summary>
internal ref struct ByteCursor(ReadOnlySpan<byte> data, string section)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    public readonly bool AtEnd => position == data.Length;

    public uint U32()
    {
        Need(4);
        uint v = BinaryPrimitives.ReadUInt32LittleEndian(data[position..]);
        position += 4;
        return v;
    }

    public int I32() => (int)U32();

    public byte U8()
    {
        Need(1);
        return data[position++];
    }

    /// <summary>A count of items of at least <paramref name="minItemSize"/> bytes each, checked against what remains
    /// before anything is allocated for it.</summary>
    public int Count(int minItemSize, string what)
    {
        uint n = U32();
        if ((ulong)n * (ulong)minItemSize > (ulong)(data.Length - position))
            throw Malformed($"{what} count {n} exceeds the {data.Length - position} bytes left");
        return (int)n;
    }

    public string Utf8(string what)
    {
        int n = Count(1, what);
        try
        {
            string s = new UTF8Encoding(false, true).GetString(data.Slice(position, n));
            position += n;
            return s;
        }
        catch (DecoderFallbackException)
        {
            throw Malformed($"{what} is not UTF-8");
        }
    }

    public readonly void ExpectEnd()
    {
        if (!AtEnd) throw Malformed($"{data.Length - position} unexpected bytes at the end");
    }

    public readonly ArtifactException Malformed(string detail) =>
        new(ArtifactErrorKind.Malformed, $"section {section} is malformed at offset {position}: {detail}");

    private readonly void Need(int n)
    {
        if (data.Length - position < n) throw Malformed("unexpected end");
    }
}
