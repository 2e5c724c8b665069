using System.Text;

namespace Kiln.Wasm.Text.Printing;

/// <summary>Quoted WAT strings: printable ASCII as is, <c>\"</c> and <c>\\</c>, every other byte as <c>\hh</c>.</summary>
internal static class WatStrings
{
    private const string HexDigits = "0123456789abcdef";

    public static void Append(StringBuilder sb, ReadOnlySpan<byte> bytes)
    {
        sb.Append('"');
        foreach (byte b in bytes)
        {
            if (b == (byte)'"' || b == (byte)'\\') sb.Append('\\').Append((char)b);
            else if (b >= 0x20 && b < 0x7F) sb.Append((char)b);
            else sb.Append('\\').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
        }
        sb.Append('"');
    }

    /// <summary>A name (import, export) as its UTF-8 bytes, quoted.</summary>
    public static void Append(StringBuilder sb, string name) => Append(sb, Encoding.UTF8.GetBytes(name));

    public static string Quote(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length + 2);
        Append(sb, bytes);
        return sb.ToString();
    }
}
