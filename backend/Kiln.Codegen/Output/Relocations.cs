using System.Buffers.Binary;

namespace Kiln.Codegen;

/// <summary>Applies relocations (the linker's and tests' one implementation of each <see cref="RelocKind"/>).</summary>
public static class Relocations
{
    /// <summary>
    /// Patches <paramref name="code"/> (the function's or blob's bytes, with <paramref name="at"/> the relocation's
    /// offset in it) for a symbol at <paramref name="symbol"/> when the patched place is at <paramref name="place"/>
    /// (addresses or offsets in one space). Throws <see cref="InvalidOperationException"/> when out of range.
    /// </summary>
    public static void Apply(Span<byte> code, int at, RelocKind kind, long addend, long place, long symbol)
    {
        long value = symbol + addend - place;
        switch (kind)
        {
            case RelocKind.X64PcRel32:
                if (value != (int)value) throw new InvalidOperationException($"{kind}: distance {value} out of range");
                BinaryPrimitives.WriteInt32LittleEndian(code[at..], (int)value);
                break;
            case RelocKind.Arm64Call26:
                if ((value & 3) != 0 || value >> 2 != (value >> 2 << 38 >> 38)) throw new InvalidOperationException($"{kind}: distance {value} out of range or misaligned");
                uint word = BinaryPrimitives.ReadUInt32LittleEndian(code[at..]);
                BinaryPrimitives.WriteUInt32LittleEndian(code[at..], (word & 0xFC00_0000u) | ((uint)(value >> 2) & 0x03FF_FFFFu));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown relocation kind");
        }
    }
}
