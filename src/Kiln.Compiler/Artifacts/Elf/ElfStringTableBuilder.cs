using System.Text;

namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>Builds a SHT_STRTAB: offset 0 is the empty string, equal strings share one copy, order is first use.</summary>
internal sealed class ElfStringTableBuilder
{
    private readonly List<byte> bytes = [0];
    private readonly Dictionary<string, uint> offsets = new(StringComparer.Ordinal) { [""] = 0 };

    public int Size => bytes.Count;

    public uint Add(string value)
    {
        if (offsets.TryGetValue(value, out uint existing))
        {
            return existing;
        }

        uint offset = (uint)bytes.Count;
        bytes.AddRange(Encoding.UTF8.GetBytes(value));
        bytes.Add(0);
        offsets.Add(value, offset);
        return offset;
    }

    public byte[] ToArray() => [.. bytes];

    /// <summary>Names are NUL-terminated in the file, so an embedded NUL would silently truncate them.</summary>
    public static void CheckName(string value, string paramName)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"name \"{value.Replace("\0", "\\0", StringComparison.Ordinal)}\" contains a NUL character", paramName);
        }
    }
}
