using System.Buffers.Binary;
using System.Text;

namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>Serialises notes with 4-byte padding of name and descriptor, as ELF64 SHT_NOTE sections with sh_addralign 4 expect.</summary>
internal static class ElfNoteEncoding
{
    public const int Alignment = 4;

    public static int EncodedSize(string owner, int descriptorLength)
    {
        int nameSize = Encoding.UTF8.GetByteCount(owner) + 1;
        return ElfConstants.NoteHeaderSize + Align4(nameSize) + Align4(descriptorLength);
    }

    /// <summary>Writes one note at the start of <paramref name="destination"/> and returns its size.</summary>
    public static int Write(Span<byte> destination, string owner, uint type, ReadOnlySpan<byte> descriptor)
    {
        int nameSize = Encoding.UTF8.GetByteCount(owner) + 1;
        int total = ElfConstants.NoteHeaderSize + Align4(nameSize) + Align4(descriptor.Length);
        var note = destination[..total];
        note.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(note, (uint)nameSize);
        BinaryPrimitives.WriteUInt32LittleEndian(note[4..], (uint)descriptor.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(note[8..], type);
        Encoding.UTF8.GetBytes(owner, note[ElfConstants.NoteHeaderSize..]);
        descriptor.CopyTo(note[(ElfConstants.NoteHeaderSize + Align4(nameSize))..]);
        return total;
    }

    private static int Align4(int value) => (value + 3) & ~3;
}
