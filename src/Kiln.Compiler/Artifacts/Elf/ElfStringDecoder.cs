using System.Text;

namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>
/// Decodes NUL-terminated names out of string tables for the reader. Names at the same offset are decoded
/// once, and the total decoded length is capped in proportion to the file size: otherwise thousands of
/// headers pointing into one long unterminated-looking string would allocate quadratically.
/// </summary>
internal sealed class ElfStringDecoder
{
    private readonly Dictionary<(int Table, uint Offset), string> cache = [];
    private long budget;

    public ElfStringDecoder(int fileLength)
    {
        budget = 2L * fileLength + 4096;
    }

    /// <summary>Returns the string at <paramref name="offset"/> in table <paramref name="tableIndex"/>, or null if the offset is out of range or unterminated.</summary>
    public string? TryGet(int tableIndex, ReadOnlySpan<byte> table, uint offset)
    {
        if (offset >= (uint)table.Length)
        {
            return null;
        }

        if (cache.TryGetValue((tableIndex, offset), out var cached))
        {
            return cached;
        }

        var rest = table[(int)offset..];
        int length = rest.IndexOf((byte)0);
        if (length < 0)
        {
            return null;
        }

        budget -= length;
        if (budget < 0)
        {
            throw new ElfFormatException(
                $"string table (section {tableIndex}) names decode to more bytes than the file could plausibly hold; the string offsets overlap pathologically");
        }

        string value = Encoding.UTF8.GetString(rest[..length]);
        cache.Add((tableIndex, offset), value);
        return value;
    }
}
