namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>A validated section header; <see cref="Data"/> is a slice of the file (empty for SHT_NOBITS).</summary>
public sealed class ElfSection
{
    internal ElfSection(int index, string name, uint nameOffset, ElfSectionType type, ElfSectionFlags flags,
        ulong address, ulong offset, ulong size, uint link, uint info, ulong alignment, ulong entrySize,
        ReadOnlyMemory<byte> data)
    {
        Index = index;
        Name = name;
        NameOffset = nameOffset;
        Type = type;
        Flags = flags;
        Address = address;
        Offset = offset;
        Size = size;
        Link = link;
        Info = info;
        Alignment = alignment;
        EntrySize = entrySize;
        Data = data;
    }

    public int Index { get; }
    public string Name { get; }
    public uint NameOffset { get; }
    public ElfSectionType Type { get; }
    public ElfSectionFlags Flags { get; }
    public ulong Address { get; }
    public ulong Offset { get; }
    public ulong Size { get; }
    public uint Link { get; }
    public uint Info { get; }
    public ulong Alignment { get; }
    public ulong EntrySize { get; }
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>True when the section occupies bytes in the file.</summary>
    public bool HasFileData => Type != ElfSectionType.NoBits && Type != ElfSectionType.Null;

    public override string ToString() => $"section {Index} ({Name})";
}
