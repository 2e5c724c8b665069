using System.Text;

namespace Kiln.Component.Tests.Binary;

/// <summary>Builds test binaries by hand: sections with their sizes, names with their lengths.</summary>
internal static class Bytes
{
    public static readonly byte[] Preamble = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
    public static readonly byte[] EmptyModule = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    public static byte[] ComponentOf(params byte[][] sections) => [.. Preamble, .. sections.SelectMany(s => s)];

    public static byte[] Section(byte id, params byte[][] body)
    {
        byte[] b = [.. body.SelectMany(x => x)];
        return [id, .. U32((uint)b.Length), .. b];
    }

    /// <summary>A vector section: count then items.</summary>
    public static byte[] Vec(byte id, params byte[][] items) => Section(id, [.. U32((uint)items.Length), .. items.SelectMany(x => x)]);

    public static byte[] Name(string s)
    {
        var b = Encoding.UTF8.GetBytes(s);
        return [.. U32((uint)b.Length), .. b];
    }

    public static byte[] U32(uint v)
    {
        var list = new List<byte>();
        do
        {
            byte b = (byte)(v & 0x7f);
            v >>= 7;
            if (v != 0) b |= 0x80;
            list.Add(b);
        } while (v != 0);
        return [.. list];
    }

    public static byte[] B(params byte[] b) => b;
}
