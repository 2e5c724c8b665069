using System.Buffers.Binary;
using System.Numerics;

namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>
/// Builds an ELF64 little-endian relocatable file (ET_REL) holding Kiln's sections.
/// <para>
/// Why ET_REL: the artifact is mapped by Kiln's own loader, never by the OS. ET_REL needs no program
/// headers or virtual addresses, so section offsets and symbol values are plain section-relative offsets
/// (the same numbers the trap table and Kiln's relocations use); <c>objdump -d</c> shows them as
/// addresses starting at 0; and neither <c>execve</c> nor <c>dlopen</c> will accept the file by accident.
/// </para>
/// File layout, in this order: ELF header; the integrity note at 0x40 (unless disabled); the caller's
/// sections in the order added, each at an offset aligned to its alignment; <c>.note.kiln</c> (if notes
/// were added); <c>.symtab</c> and <c>.strtab</c> (if symbols were added); <c>.shstrtab</c>; the section
/// header table. Section indices follow the same order. Output depends only on the calls made: no
/// timestamps, no hashing order, so the same input gives byte-identical files.
/// </summary>
public sealed class ElfWriter
{
    /// <summary>Largest section alignment accepted (64 KiB covers every page size Kiln maps code with).</summary>
    public const ulong MaxAlignment = 1 << 16;

    private static readonly HashSet<string> ReservedNames = new(StringComparer.Ordinal)
    {
        "", ".shstrtab", ".symtab", ".strtab", KilnNotes.SectionName, KilnNotes.IntegritySectionName,
    };

    private readonly List<PendingSection> sections = [];
    private readonly HashSet<string> sectionNames = new(StringComparer.Ordinal);
    private readonly List<PendingSymbol> symbols = [];
    private readonly List<PendingNote> notes = [];

    public ElfWriter(ElfMachine machine, bool withIntegrity = true)
    {
        if (machine is not (ElfMachine.X86_64 or ElfMachine.AArch64))
        {
            throw new ArgumentOutOfRangeException(nameof(machine), machine, "unsupported machine");
        }

        Machine = machine;
        WithIntegrity = withIntegrity;
    }

    public ElfMachine Machine { get; }

    /// <summary>Whether the file carries the integrity note at 0x40 and is sealed by <see cref="Write"/>.</summary>
    public bool WithIntegrity { get; }

    /// <summary>Section index of the first section added with <see cref="AddSection"/>.</summary>
    public int FirstSectionIndex => WithIntegrity ? 2 : 1;

    /// <summary>Adds a section with file contents and returns its final section header index.</summary>
    /// <param name="fileAlignment">Extra alignment of the file offset only (e.g. a page, so the loader can map it); 0 = <paramref name="alignment"/>.</param>
    public int AddSection(string name, ElfSectionType type, ElfSectionFlags flags, ReadOnlyMemory<byte> content,
        ulong alignment = 1, ulong entrySize = 0, ulong fileAlignment = 0)
    {
        if (type == ElfSectionType.NoBits)
        {
            throw new ArgumentException("use AddNoBitsSection for SHT_NOBITS", nameof(type));
        }

        return Add(new PendingSection(name, type, flags, content, (ulong)content.Length, alignment, fileAlignment, entrySize), nameof(name));
    }

    /// <summary>Adds a SHT_NOBITS section (occupies memory, no file bytes).</summary>
    public int AddNoBitsSection(string name, ElfSectionFlags flags, ulong size, ulong alignment = 1)
        => Add(new PendingSection(name, ElfSectionType.NoBits, flags, ReadOnlyMemory<byte>.Empty, size, alignment, 0, 0), nameof(name));

    /// <summary>Adds a symbol whose value is an offset inside section <paramref name="sectionIndex"/>.</summary>
    public void AddSymbol(string name, int sectionIndex, ulong value, ulong size,
        ElfSymbolType type = ElfSymbolType.Func, ElfSymbolBinding binding = ElfSymbolBinding.Global)
    {
        ElfStringTableBuilder.CheckName(name, nameof(name));
        int listIndex = sectionIndex - FirstSectionIndex;
        if ((uint)listIndex >= (uint)sections.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(sectionIndex), sectionIndex, "not a section added to this writer");
        }

        ulong sectionSize = sections[listIndex].Size;
        if (value > sectionSize || size > sectionSize - value)
        {
            throw new ArgumentOutOfRangeException(nameof(value),
                $"symbol {name} [0x{value:x}, +0x{size:x}) lies outside section {sections[listIndex].Name} (size 0x{sectionSize:x})");
        }

        if (!Enum.IsDefined(type) || !Enum.IsDefined(binding))
        {
            throw new ArgumentOutOfRangeException(nameof(type), "unknown symbol type or binding");
        }

        symbols.Add(new PendingSymbol(name, (ushort)sectionIndex, value, size, type, binding));
    }

    /// <summary>Adds a note to <c>.note.kiln</c>; the engine-compatibility record is type <see cref="KilnNotes.EngineCompatibility"/>.</summary>
    public void AddNote(uint type, ReadOnlyMemory<byte> descriptor, string owner = KilnNotes.Owner)
    {
        ElfStringTableBuilder.CheckName(owner, nameof(owner));
        notes.Add(new PendingNote(owner, type, descriptor));
    }

    /// <summary>
    /// Lays out and returns the file. With integrity on, the file is sealed: SHA-256, or HMAC-SHA-256 when
    /// <paramref name="integrityKey"/> is not empty.
    /// </summary>
    public byte[] Write(ReadOnlySpan<byte> integrityKey = default)
    {
        var shstrtab = new ElfStringTableBuilder();
        var headers = new List<SectionHeader> { default };
        long position = ElfConstants.FileHeaderSize;

        if (WithIntegrity)
        {
            headers.Add(new SectionHeader(shstrtab.Add(KilnNotes.IntegritySectionName), ElfSectionType.Note, 0,
                ElfIntegrity.NoteOffset, ElfIntegrity.NoteSize, 0, 0, ElfNoteEncoding.Alignment, 0));
            position = ElfIntegrity.SlotEnd;
        }

        var offsets = new long[sections.Count];
        for (int i = 0; i < sections.Count; i++)
        {
            var s = sections[i];
            position = Align(position, Math.Max(Math.Max(s.Alignment, s.FileAlignment), 1));
            offsets[i] = position;
            headers.Add(new SectionHeader(shstrtab.Add(s.Name), s.Type, s.Flags, (ulong)position, s.Size, 0, 0, s.Alignment, s.EntrySize));
            if (s.Type != ElfSectionType.NoBits)
            {
                position += s.Content.Length;
            }
        }

        long notesOffset = 0;
        int notesSize = 0;
        if (notes.Count > 0)
        {
            foreach (var n in notes)
            {
                notesSize = checked(notesSize + ElfNoteEncoding.EncodedSize(n.Owner, n.Descriptor.Length));
            }

            position = Align(position, ElfNoteEncoding.Alignment);
            notesOffset = position;
            headers.Add(new SectionHeader(shstrtab.Add(KilnNotes.SectionName), ElfSectionType.Note, 0,
                (ulong)notesOffset, (ulong)notesSize, 0, 0, ElfNoteEncoding.Alignment, 0));
            position += notesSize;
        }

        byte[] symtab = [];
        byte[] strtab = [];
        long symtabOffset = 0, strtabOffset = 0;
        if (symbols.Count > 0)
        {
            (symtab, strtab, uint firstGlobal) = BuildSymbolTable();
            position = Align(position, 8);
            symtabOffset = position;
            position += symtab.Length;
            strtabOffset = position;
            position += strtab.Length;
            uint strtabIndex = (uint)headers.Count + 1;
            headers.Add(new SectionHeader(shstrtab.Add(".symtab"), ElfSectionType.SymTab, 0, (ulong)symtabOffset,
                (ulong)symtab.Length, strtabIndex, firstGlobal, 8, ElfConstants.SymbolSize));
            headers.Add(new SectionHeader(shstrtab.Add(".strtab"), ElfSectionType.StrTab, 0, (ulong)strtabOffset,
                (ulong)strtab.Length, 0, 0, 1, 0));
        }

        // .shstrtab names itself, so its name goes in before the table is frozen.
        uint shstrtabName = shstrtab.Add(".shstrtab");
        byte[] shstrtabBytes = shstrtab.ToArray();
        long shstrtabOffset = position;
        int shstrndx = headers.Count;
        headers.Add(new SectionHeader(shstrtabName, ElfSectionType.StrTab, 0, (ulong)shstrtabOffset, (ulong)shstrtabBytes.Length, 0, 0, 1, 0));
        position += shstrtabBytes.Length;

        if (headers.Count >= ElfConstants.SectionLoReserve)
        {
            throw new InvalidOperationException($"too many sections ({headers.Count}); extended section numbering is not supported");
        }

        long shoff = Align(position, 8);
        long total = shoff + (long)headers.Count * ElfConstants.SectionHeaderSize;
        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"ELF file would be {total} bytes, larger than a byte array can hold");
        }

        var file = new byte[total];
        WriteFileHeader(file, (ulong)shoff, (ushort)headers.Count, (ushort)shstrndx);
        if (WithIntegrity)
        {
            ElfIntegrity.WriteSlot(file);
        }

        for (int i = 0; i < sections.Count; i++)
        {
            sections[i].Content.Span.CopyTo(file.AsSpan((int)offsets[i]));
        }

        int noteCursor = (int)notesOffset;
        foreach (var n in notes)
        {
            noteCursor += ElfNoteEncoding.Write(file.AsSpan(noteCursor), n.Owner, n.Type, n.Descriptor.Span);
        }

        symtab.CopyTo(file.AsSpan((int)symtabOffset));
        strtab.CopyTo(file.AsSpan((int)strtabOffset));
        shstrtabBytes.CopyTo(file.AsSpan((int)shstrtabOffset));
        for (int i = 0; i < headers.Count; i++)
        {
            headers[i].WriteTo(file.AsSpan((int)shoff + i * ElfConstants.SectionHeaderSize, ElfConstants.SectionHeaderSize));
        }

        if (WithIntegrity)
        {
            ElfIntegrity.Seal(file, integrityKey);
        }
        else if (!integrityKey.IsEmpty)
        {
            throw new InvalidOperationException("an integrity key was given but the writer was created without integrity");
        }

        return file;
    }

    private int Add(PendingSection section, string paramName)
    {
        ElfStringTableBuilder.CheckName(section.Name, paramName);
        if (ReservedNames.Contains(section.Name))
        {
            throw new ArgumentException($"section name \"{section.Name}\" is reserved for the writer", paramName);
        }

        if (!sectionNames.Add(section.Name))
        {
            throw new ArgumentException($"duplicate section name \"{section.Name}\"", paramName);
        }

        if (section.Type is ElfSectionType.Null or ElfSectionType.SymTab or ElfSectionType.DynSym or ElfSectionType.SymTabShndx)
        {
            sectionNames.Remove(section.Name);
            throw new ArgumentException($"section type {section.Type} is managed by the writer or not supported", nameof(section.Type));
        }

        CheckAlignment(section.Alignment, "alignment");
        CheckAlignment(section.FileAlignment, "fileAlignment");
        sections.Add(section);
        return FirstSectionIndex + sections.Count - 1;
    }

    private static void CheckAlignment(ulong alignment, string paramName)
    {
        if (alignment > MaxAlignment || (alignment != 0 && !BitOperations.IsPow2(alignment)))
        {
            throw new ArgumentOutOfRangeException(paramName, alignment, $"alignment must be 0 or a power of two up to {MaxAlignment}");
        }
    }

    /// <summary>gABI: local symbols precede the others and sh_info is the index of the first non-local one.</summary>
    private (byte[] Symtab, byte[] Strtab, uint FirstGlobal) BuildSymbolTable()
    {
        var strtab = new ElfStringTableBuilder();
        var ordered = new List<PendingSymbol>(symbols.Count + 4);

        // AAELF64 asks for a "$x" mapping symbol where A64 code starts; objdump uses it to decide code vs data.
        if (Machine == ElfMachine.AArch64)
        {
            for (int i = 0; i < sections.Count; i++)
            {
                if ((sections[i].Flags & ElfSectionFlags.ExecInstr) != 0 && sections[i].Size > 0)
                {
                    ordered.Add(new PendingSymbol("$x", (ushort)(FirstSectionIndex + i), 0, 0, ElfSymbolType.NoType, ElfSymbolBinding.Local));
                }
            }
        }

        foreach (var s in symbols)
        {
            if (s.Binding == ElfSymbolBinding.Local)
            {
                ordered.Add(s);
            }
        }

        uint firstGlobal = (uint)ordered.Count + 1;
        foreach (var s in symbols)
        {
            if (s.Binding != ElfSymbolBinding.Local)
            {
                ordered.Add(s);
            }
        }

        var symtab = new byte[(ordered.Count + 1) * ElfConstants.SymbolSize];
        for (int i = 0; i < ordered.Count; i++)
        {
            var s = ordered[i];
            var entry = symtab.AsSpan((i + 1) * ElfConstants.SymbolSize, ElfConstants.SymbolSize);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[ElfConstants.StName..], strtab.Add(s.Name));
            entry[ElfConstants.StInfo] = (byte)(((byte)s.Binding << 4) | (byte)s.Type);
            entry[ElfConstants.StOther] = 0; // STV_DEFAULT
            BinaryPrimitives.WriteUInt16LittleEndian(entry[ElfConstants.StShndx..], s.SectionIndex);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[ElfConstants.StValue..], s.Value);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[ElfConstants.StSize..], s.Size);
        }

        return (symtab, strtab.ToArray(), firstGlobal);
    }

    private void WriteFileHeader(Span<byte> file, ulong shoff, ushort shnum, ushort shstrndx)
    {
        file[0] = ElfConstants.Mag0;
        file[1] = ElfConstants.Mag1;
        file[2] = ElfConstants.Mag2;
        file[3] = ElfConstants.Mag3;
        file[4] = ElfConstants.ClassElf64;
        file[5] = ElfConstants.DataLittleEndian;
        file[6] = ElfConstants.IdentVersionCurrent;
        file[7] = ElfConstants.OsAbiSystemV;
        BinaryPrimitives.WriteUInt16LittleEndian(file[ElfConstants.OffType..], (ushort)ElfFileType.Relocatable);
        BinaryPrimitives.WriteUInt16LittleEndian(file[ElfConstants.OffMachine..], (ushort)Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(file[ElfConstants.OffVersion..], ElfConstants.VersionCurrent);
        BinaryPrimitives.WriteUInt64LittleEndian(file[ElfConstants.OffShOff..], shoff);
        BinaryPrimitives.WriteUInt16LittleEndian(file[ElfConstants.OffEhSize..], ElfConstants.FileHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(file[ElfConstants.OffShEntSize..], ElfConstants.SectionHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(file[ElfConstants.OffShNum..], shnum);
        BinaryPrimitives.WriteUInt16LittleEndian(file[ElfConstants.OffShStrNdx..], shstrndx);
    }

    private static long Align(long value, ulong alignment) => (value + (long)alignment - 1) & ~((long)alignment - 1);

    private sealed record PendingSection(string Name, ElfSectionType Type, ElfSectionFlags Flags, ReadOnlyMemory<byte> Content,
        ulong Size, ulong Alignment, ulong FileAlignment, ulong EntrySize);

    private sealed record PendingSymbol(string Name, ushort SectionIndex, ulong Value, ulong Size, ElfSymbolType Type, ElfSymbolBinding Binding);

    private sealed record PendingNote(string Owner, uint Type, ReadOnlyMemory<byte> Descriptor);

    private readonly record struct SectionHeader(uint Name, ElfSectionType Type, ElfSectionFlags Flags, ulong Offset, ulong Size,
        uint Link, uint Info, ulong Alignment, ulong EntrySize)
    {
        public void WriteTo(Span<byte> h)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h[ElfConstants.ShName..], Name);
            BinaryPrimitives.WriteUInt32LittleEndian(h[ElfConstants.ShType..], (uint)Type);
            BinaryPrimitives.WriteUInt64LittleEndian(h[ElfConstants.ShFlags..], (ulong)Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(h[ElfConstants.ShAddr..], 0);
            BinaryPrimitives.WriteUInt64LittleEndian(h[ElfConstants.ShOffset..], Offset);
            BinaryPrimitives.WriteUInt64LittleEndian(h[ElfConstants.ShSize..], Size);
            BinaryPrimitives.WriteUInt32LittleEndian(h[ElfConstants.ShLink..], Link);
            BinaryPrimitives.WriteUInt32LittleEndian(h[ElfConstants.ShInfo..], Info);
            BinaryPrimitives.WriteUInt64LittleEndian(h[ElfConstants.ShAddrAlign..], Alignment);
            BinaryPrimitives.WriteUInt64LittleEndian(h[ElfConstants.ShEntSize..], EntrySize);
        }
    }
}
