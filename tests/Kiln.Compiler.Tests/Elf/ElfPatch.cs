using System.Buffers.Binary;
using Kiln.Compiler.Artifacts.Elf;

namespace Kiln.Compiler.Tests.Elf;

/// <summary>Locates header fields of a valid file so tests can corrupt exactly one of them.</summary>
internal static class ElfPatch
{
    public static int SectionHeader(byte[] file, int index)
        => (int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(ElfConstants.OffShOff)) + index * ElfConstants.SectionHeaderSize;

    public static int SectionField(byte[] file, string name, int field)
    {
        var reader = ElfReader.Parse(file);
        return SectionHeader(file, reader.GetSection(name).Index) + field;
    }

    public static int SymbolField(byte[] file, string symbol, int field)
    {
        var reader = ElfReader.Parse(file);
        var symtab = reader.GetSection(".symtab");
        var s = reader.FindSymbol(symbol) ?? throw new InvalidOperationException(symbol);
        return (int)symtab.Offset + s.Index * ElfConstants.SymbolSize + field;
    }

    public static void U16(byte[] file, int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(offset), value);

    public static void U32(byte[] file, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(offset), value);

    public static void U64(byte[] file, int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(offset), value);

    /// <summary>Every header, symbol and note field of a valid file, as (offset, width) pairs.</summary>
    public static List<(int Offset, int Width)> Fields(byte[] file)
    {
        var fields = new List<(int, int)>();
        int[] headerWidths = [1, 1, 1, 1, 1, 1, 1, 1, 1]; // e_ident bytes 0..8
        for (int i = 0; i < headerWidths.Length; i++)
        {
            fields.Add((i, 1));
        }

        fields.AddRange([(16, 2), (18, 2), (20, 4), (24, 8), (32, 8), (40, 8), (48, 4), (52, 2), (54, 2), (56, 2), (58, 2), (60, 2), (62, 2)]);
        var reader = ElfReader.Parse(file);
        (int, int)[] sectionFields = [(0, 4), (4, 4), (8, 8), (16, 8), (24, 8), (32, 8), (40, 4), (44, 4), (48, 8), (56, 8)];
        for (int s = 0; s < reader.Sections.Count; s++)
        {
            int h = SectionHeader(file, s);
            foreach (var (o, w) in sectionFields)
            {
                fields.Add((h + o, w));
            }
        }

        if (reader.FindSection(".symtab") is { } symtab)
        {
            (int, int)[] symbolFields = [(0, 4), (4, 1), (5, 1), (6, 2), (8, 8), (16, 8)];
            for (int i = 0; i < (int)(symtab.Size / ElfConstants.SymbolSize); i++)
            {
                foreach (var (o, w) in symbolFields)
                {
                    fields.Add(((int)symtab.Offset + i * ElfConstants.SymbolSize + o, w));
                }
            }
        }

        foreach (var n in reader.Notes)
        {
            // The note header sits before the padded owner name, which precedes the descriptor.
            int descriptor = (int)n.FileOffset;
            int nameField = (n.Owner.Length + 1 + 3) & ~3;
            int header = descriptor - nameField - ElfConstants.NoteHeaderSize;
            fields.AddRange([(header, 4), (header + 4, 4), (header + 8, 4)]);
        }

        return fields;
    }
}
