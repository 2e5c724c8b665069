using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>
/// A parsed, fully validated ELF64 little-endian file. <see cref="Parse"/> checks every header field,
/// every offset and size against the file (without overflow), every name against its string table, every
/// symbol against its section and every note against its section before returning; afterwards the
/// accessors only hand out validated data. Bad input raises <see cref="ElfFormatException"/> and nothing
/// else; work and memory are bounded by the file size, never by a count read from the file.
/// </summary>
public sealed class ElfReader
{
    private readonly ElfSection[] sections;
    private readonly ElfProgramHeader[] programHeaders;
    private readonly ElfSymbol[] symbols;
    private readonly ElfNote[] notes;
    private readonly Dictionary<string, ElfSection> sectionsByName;

    private ElfReader(ReadOnlyMemory<byte> file, ElfFileType type, ElfMachine machine, uint flags, ulong entry,
        ElfSection[] sections, ElfProgramHeader[] programHeaders, ElfSymbol[] symbols, ElfNote[] notes,
        Dictionary<string, ElfSection> sectionsByName)
    {
        File = file;
        Type = type;
        Machine = machine;
        Flags = flags;
        Entry = entry;
        this.sections = sections;
        this.programHeaders = programHeaders;
        this.symbols = symbols;
        this.notes = notes;
        this.sectionsByName = sectionsByName;
    }

    public ReadOnlyMemory<byte> File { get; }
    public ElfFileType Type { get; }
    public ElfMachine Machine { get; }
    public uint Flags { get; }
    public ulong Entry { get; }

    /// <summary>All section headers, including the null section at index 0.</summary>
    public IReadOnlyList<ElfSection> Sections => sections;

    public IReadOnlyList<ElfProgramHeader> ProgramHeaders => programHeaders;

    /// <summary>Entries of .symtab after the null entry (empty when there is no symbol table).</summary>
    public IReadOnlyList<ElfSymbol> Symbols => symbols;

    /// <summary>Every note of every SHT_NOTE section, in file order.</summary>
    public IReadOnlyList<ElfNote> Notes => notes;

    /// <summary>Parses and validates <paramref name="file"/>. The reader keeps slices of it, so the caller must not mutate it afterwards.</summary>
    public static ElfReader Parse(ReadOnlyMemory<byte> file, ElfReadOptions? options = null)
    {
        options ??= ElfReadOptions.Default;
        if (options.RequireIntegrity)
        {
            // Before anything else: a file whose digest does not match is not looked at further.
            ElfIntegrity.Verify(file.Span, options.IntegrityKey.Span);
        }

        return new Parser(file, options).Run();
    }

    public ElfSection? FindSection(string name) => sectionsByName.GetValueOrDefault(name);

    public ElfSection GetSection(string name)
        => FindSection(name) ?? throw new ElfFormatException($"required section {name} is missing");

    public ReadOnlyMemory<byte> GetSectionData(string name) => GetSection(name).Data;

    public ElfSymbol? FindSymbol(string name)
    {
        foreach (var s in symbols)
        {
            if (s.Name == name)
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>Notes with this owner and type, in file order.</summary>
    public IReadOnlyList<ElfNote> FindNotes(string owner, uint type)
    {
        var found = new List<ElfNote>();
        foreach (var n in notes)
        {
            if (n.Type == type && n.Owner == owner)
            {
                found.Add(n);
            }
        }

        return found;
    }

    /// <summary>The single note with this owner and type; missing or repeated is a format error.</summary>
    public ElfNote GetNote(string owner, uint type)
    {
        var found = FindNotes(owner, type);
        return found.Count switch
        {
            1 => found[0],
            0 => throw new ElfFormatException($"required note {owner}/{type} is missing"),
            _ => throw new ElfFormatException($"note {owner}/{type} appears {found.Count} times, expected once"),
        };
    }

    private static string Hex(ulong value) => "0x" + value.ToString("x");

    private static bool FitsIn(ulong offset, ulong size, ulong length) => offset <= length && size <= length - offset;

    private static string MachineName(ushort machine) => machine switch
    {
        (ushort)ElfMachine.X86_64 => "EM_X86_64 (62)",
        (ushort)ElfMachine.AArch64 => "EM_AARCH64 (183)",
        _ => $"machine {machine}",
    };

    /// <summary>One parse; holds the span-derived state that the final reader does not need.</summary>
    private ref struct Parser
    {
        private readonly ReadOnlyMemory<byte> memory;
        private readonly ReadOnlySpan<byte> file;
        private readonly ulong length;
        private readonly ElfReadOptions options;
        private readonly ElfStringDecoder strings;
        private ElfFileType type;

        public Parser(ReadOnlyMemory<byte> memory, ElfReadOptions options)
        {
            this.memory = memory;
            file = memory.Span;
            length = (ulong)file.Length;
            this.options = options;
            strings = new ElfStringDecoder(file.Length);
            type = ElfFileType.None;
        }

        public ElfReader Run()
        {
            CheckIdent();
            type = (ElfFileType)U16(ElfConstants.OffType);
            if (type is not (ElfFileType.Relocatable or ElfFileType.Executable or ElfFileType.SharedObject))
            {
                throw new ElfFormatException($"unsupported ELF file type {(ushort)type} at offset 0x10 (expected ET_REL, ET_EXEC or ET_DYN)");
            }

            if (options.ExpectedType is { } expectedType && expectedType != type)
            {
                throw new ElfFormatException($"ELF file type is {type}, expected {expectedType}");
            }

            ushort machine = U16(ElfConstants.OffMachine);
            if (machine is not ((ushort)ElfMachine.X86_64 or (ushort)ElfMachine.AArch64))
            {
                throw new ElfFormatException($"unsupported {MachineName(machine)} at offset 0x12 (expected EM_X86_64 or EM_AARCH64)");
            }

            if (options.ExpectedMachine is { } expectedMachine && (ushort)expectedMachine != machine)
            {
                throw new ElfFormatException($"file is for {MachineName(machine)}, expected {MachineName((ushort)expectedMachine)}: it was compiled for another target");
            }

            uint version = U32(ElfConstants.OffVersion);
            if (version != ElfConstants.VersionCurrent)
            {
                throw new ElfFormatException($"unsupported e_version {version} at offset 0x14 (expected 1)");
            }

            ushort ehsize = U16(ElfConstants.OffEhSize);
            if (ehsize != ElfConstants.FileHeaderSize)
            {
                throw new ElfFormatException($"e_ehsize is {ehsize} at offset 0x34, expected 64");
            }

            var regions = new List<Region> { new(0, ElfConstants.FileHeaderSize, "the ELF header") };
            var phdrs = ReadProgramHeaders(regions);
            var (sections, byName) = ReadSections(regions);
            CheckOverlaps(regions);
            var symbols = ReadSymbols(sections);
            var notes = ReadNotes(sections);
            return new ElfReader(memory, type, (ElfMachine)machine, U32(ElfConstants.OffFlags), U64(ElfConstants.OffEntry),
                sections, phdrs, symbols, notes, byName);
        }

        private readonly void CheckIdent()
        {
            if (file.Length < ElfConstants.FileHeaderSize)
            {
                throw new ElfFormatException($"file is too short for an ELF64 header: {file.Length} bytes, need {ElfConstants.FileHeaderSize}");
            }

            if (file[0] != ElfConstants.Mag0 || file[1] != ElfConstants.Mag1 || file[2] != ElfConstants.Mag2 || file[3] != ElfConstants.Mag3)
            {
                throw new ElfFormatException($"not an ELF file: bad magic {Convert.ToHexString(file[..4])} at offset 0x0");
            }

            if (file[4] != ElfConstants.ClassElf64)
            {
                throw new ElfFormatException($"unsupported ELF class {file[4]} at offset 0x4 (only ELFCLASS64 = 2)");
            }

            if (file[5] != ElfConstants.DataLittleEndian)
            {
                throw new ElfFormatException($"unsupported data encoding {file[5]} at offset 0x5 (only little-endian ELFDATA2LSB = 1)");
            }

            if (file[6] != ElfConstants.IdentVersionCurrent)
            {
                throw new ElfFormatException($"unsupported ELF identification version {file[6]} at offset 0x6 (expected 1)");
            }

            if (file[7] != ElfConstants.OsAbiSystemV || file[8] != 0)
            {
                throw new ElfFormatException($"unsupported OS ABI {file[7]} version {file[8]} at offset 0x7 (expected System V, 0)");
            }
        }

        private readonly ElfProgramHeader[] ReadProgramHeaders(List<Region> regions)
        {
            ushort count = U16(ElfConstants.OffPhNum);
            if (count == 0)
            {
                return [];
            }

            if (count == ElfConstants.ProgramHeaderXNum)
            {
                throw new ElfFormatException("e_phnum is PN_XNUM (0xffff): extended program header numbering is not supported");
            }

            ushort entrySize = U16(ElfConstants.OffPhEntSize);
            if (entrySize != ElfConstants.ProgramHeaderSize)
            {
                throw new ElfFormatException($"e_phentsize is {entrySize} at offset 0x36, expected {ElfConstants.ProgramHeaderSize}");
            }

            ulong offset = U64(ElfConstants.OffPhOff);
            ulong tableSize = (ulong)count * ElfConstants.ProgramHeaderSize;
            if (!FitsIn(offset, tableSize, length))
            {
                throw new ElfFormatException(
                    $"program header table extends past the end of the file: offset {Hex(offset)} size {Hex(tableSize)} ({count} entries), file size {Hex(length)}");
            }

            regions.Add(new Region(offset, offset + tableSize, "the program header table"));
            var result = new ElfProgramHeader[count];
            for (int i = 0; i < count; i++)
            {
                var h = file.Slice((int)offset + i * ElfConstants.ProgramHeaderSize, ElfConstants.ProgramHeaderSize);
                var ph = new ElfProgramHeader(
                    BinaryPrimitives.ReadUInt32LittleEndian(h[ElfConstants.PhType..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(h[ElfConstants.PhFlags..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(h[ElfConstants.PhOffset..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(h[ElfConstants.PhVAddr..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(h[ElfConstants.PhPAddr..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(h[ElfConstants.PhFileSz..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(h[ElfConstants.PhMemSz..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(h[ElfConstants.PhAlign..]));
                if (ph.FileSize != 0 && !FitsIn(ph.Offset, ph.FileSize, length))
                {
                    throw new ElfFormatException(
                        $"program header {i} extends past the end of the file: offset {Hex(ph.Offset)} size {Hex(ph.FileSize)}, file size {Hex(length)}");
                }

                if (ph.FileSize > ph.MemorySize)
                {
                    throw new ElfFormatException($"program header {i}: p_filesz {Hex(ph.FileSize)} exceeds p_memsz {Hex(ph.MemorySize)}");
                }

                if (ph.Alignment > 1 && !BitOperations.IsPow2(ph.Alignment))
                {
                    throw new ElfFormatException($"program header {i}: p_align {Hex(ph.Alignment)} is not a power of two");
                }

                result[i] = ph;
            }

            return result;
        }

        private (ElfSection[] Sections, Dictionary<string, ElfSection> ByName) ReadSections(List<Region> regions)
        {
            ushort count = U16(ElfConstants.OffShNum);
            ulong tableOffset = U64(ElfConstants.OffShOff);
            ushort stringIndex = U16(ElfConstants.OffShStrNdx);
            if (count == 0)
            {
                if (tableOffset != 0)
                {
                    throw new ElfFormatException($"e_shnum is 0 but e_shoff is {Hex(tableOffset)}: extended section numbering is not supported");
                }

                if (stringIndex != ElfConstants.SectionUndefined)
                {
                    throw new ElfFormatException($"e_shstrndx is {stringIndex} but the file has no sections");
                }

                return ([], []);
            }

            ushort entrySize = U16(ElfConstants.OffShEntSize);
            if (entrySize != ElfConstants.SectionHeaderSize)
            {
                throw new ElfFormatException($"e_shentsize is {entrySize} at offset 0x3a, expected {ElfConstants.SectionHeaderSize}");
            }

            if (count >= ElfConstants.SectionLoReserve)
            {
                throw new ElfFormatException($"e_shnum {count} is in the reserved range (0xff00 and above)");
            }

            ulong tableSize = (ulong)count * ElfConstants.SectionHeaderSize;
            if (!FitsIn(tableOffset, tableSize, length))
            {
                throw new ElfFormatException(
                    $"section header table extends past the end of the file: offset {Hex(tableOffset)} size {Hex(tableSize)} ({count} entries), file size {Hex(length)}");
            }

            regions.Add(new Region(tableOffset, tableOffset + tableSize, "the section header table"));
            var table = file.Slice((int)tableOffset, (int)tableSize);
            if (table[..ElfConstants.SectionHeaderSize].ContainsAnyExcept((byte)0))
            {
                throw new ElfFormatException($"section 0 (the null section) at offset {Hex(tableOffset)} is not all zeros");
            }

            if (stringIndex == ElfConstants.SectionXIndex)
            {
                throw new ElfFormatException("e_shstrndx is SHN_XINDEX: extended section numbering is not supported");
            }

            if (stringIndex >= count)
            {
                throw new ElfFormatException($"e_shstrndx {stringIndex} at offset 0x3e is not a section index (the file has {count} sections)");
            }

            // The section name table first: every other message wants names.
            ReadOnlySpan<byte> names = default;
            if (stringIndex != ElfConstants.SectionUndefined)
            {
                var raw = RawSection.Read(table, stringIndex);
                if (raw.Type != ElfSectionType.StrTab)
                {
                    throw new ElfFormatException($"section {stringIndex}, the section name table (e_shstrndx), has type {(uint)raw.Type}, expected SHT_STRTAB (3)");
                }

                if (!FitsIn(raw.Offset, raw.Size, length))
                {
                    throw new ElfFormatException(
                        $"section {stringIndex} (the section name table) extends past the end of the file: offset {Hex(raw.Offset)} size {Hex(raw.Size)}, file size {Hex(length)}");
                }

                names = file.Slice((int)raw.Offset, (int)raw.Size);
            }

            var result = new ElfSection[count];
            var byName = new Dictionary<string, ElfSection>(StringComparer.Ordinal);
            result[0] = new ElfSection(0, "", 0, ElfSectionType.Null, 0, 0, 0, 0, 0, 0, 0, 0, ReadOnlyMemory<byte>.Empty);
            for (int i = 1; i < count; i++)
            {
                var raw = RawSection.Read(table, i);
                string name;
                if (stringIndex == ElfConstants.SectionUndefined)
                {
                    if (raw.Name != 0)
                    {
                        throw new ElfFormatException($"section {i} has name offset {Hex(raw.Name)} but the file has no section name table");
                    }

                    name = "";
                }
                else
                {
                    name = strings.TryGet(stringIndex, names, raw.Name) ?? throw new ElfFormatException(
                        $"section {i}: name offset {Hex(raw.Name)} is outside the section name table (size {Hex((ulong)names.Length)}) or not NUL-terminated");
                }

                string what = $"section {i} ({name})";
                if (raw.Alignment > 1 && !BitOperations.IsPow2(raw.Alignment))
                {
                    throw new ElfFormatException($"{what}: alignment {Hex(raw.Alignment)} is not a power of two");
                }

                var data = ReadOnlyMemory<byte>.Empty;
                if (raw.Type is not (ElfSectionType.NoBits or ElfSectionType.Null))
                {
                    if (!FitsIn(raw.Offset, raw.Size, length))
                    {
                        throw new ElfFormatException(
                            $"{what} extends past the end of the file: offset {Hex(raw.Offset)} size {Hex(raw.Size)}, file size {Hex(length)}");
                    }

                    if (raw.Size != 0)
                    {
                        if (raw.Alignment > 1 && raw.Offset % raw.Alignment != 0)
                        {
                            throw new ElfFormatException($"{what}: offset {Hex(raw.Offset)} is not a multiple of its alignment {Hex(raw.Alignment)}");
                        }

                        regions.Add(new Region(raw.Offset, raw.Offset + raw.Size, what));
                    }

                    data = memory.Slice((int)raw.Offset, (int)raw.Size);
                }

                var section = new ElfSection(i, name, raw.Name, raw.Type, raw.Flags, raw.Address, raw.Offset, raw.Size,
                    raw.Link, raw.Info, raw.Alignment, raw.EntrySize, data);
                result[i] = section;
                if (name.Length != 0 && !byName.TryAdd(name, section))
                {
                    throw new ElfFormatException($"{what}: duplicate section name (also section {byName[name].Index})");
                }
            }

            return (result, byName);
        }

        private static void CheckOverlaps(List<Region> regions)
        {
            regions.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
            for (int i = 1; i < regions.Count; i++)
            {
                var previous = regions[i - 1];
                var current = regions[i];
                if (current.Start < previous.End)
                {
                    throw new ElfFormatException(
                        $"{current.What} [{Hex(current.Start)}, {Hex(current.End)}) overlaps {previous.What} [{Hex(previous.Start)}, {Hex(previous.End)})");
                }
            }
        }

        private readonly ElfSymbol[] ReadSymbols(ElfSection[] sections)
        {
            ElfSection? symtab = null;
            foreach (var s in sections)
            {
                if (s.Type == ElfSectionType.SymTab)
                {
                    if (symtab is not null)
                    {
                        throw new ElfFormatException($"{s}: a second symbol table (the first is {symtab})");
                    }

                    symtab = s;
                }
            }

            if (symtab is null)
            {
                return [];
            }

            if (symtab.EntrySize != ElfConstants.SymbolSize)
            {
                throw new ElfFormatException($"{symtab}: sh_entsize is {Hex(symtab.EntrySize)}, expected 0x18");
            }

            if (symtab.Size % ElfConstants.SymbolSize != 0 || symtab.Size == 0)
            {
                throw new ElfFormatException($"{symtab}: size {Hex(symtab.Size)} is not a non-zero multiple of the symbol size 0x18");
            }

            if (symtab.Link == 0 || symtab.Link >= (uint)sections.Length || sections[symtab.Link].Type != ElfSectionType.StrTab)
            {
                throw new ElfFormatException($"{symtab}: sh_link {symtab.Link} does not name a SHT_STRTAB section");
            }

            var strtab = sections[symtab.Link];
            int count = (int)(symtab.Size / ElfConstants.SymbolSize); // the data is inside the file, so this fits
            if (symtab.Info > (uint)count)
            {
                throw new ElfFormatException($"{symtab}: sh_info {symtab.Info} (first non-local symbol) exceeds the symbol count {count}");
            }

            var data = symtab.Data.Span;
            if (data[..ElfConstants.SymbolSize].ContainsAnyExcept((byte)0))
            {
                throw new ElfFormatException($"{symtab}: symbol 0 is not all zeros");
            }

            var names = strtab.Data.Span;
            var result = new ElfSymbol[count - 1];
            for (int i = 1; i < count; i++)
            {
                var e = data.Slice(i * ElfConstants.SymbolSize, ElfConstants.SymbolSize);
                uint nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(e[ElfConstants.StName..]);
                string name = strings.TryGet(strtab.Index, names, nameOffset) ?? throw new ElfFormatException(
                    $"symbol {i}: name offset {Hex(nameOffset)} is outside {strtab} (size {Hex(strtab.Size)}) or not NUL-terminated");
                string what = $"symbol {i} ({name})";
                byte info = e[ElfConstants.StInfo];
                var binding = (ElfSymbolBinding)(info >> 4);
                var symbolType = (ElfSymbolType)(info & 0xf);
                if (binding > ElfSymbolBinding.Weak)
                {
                    throw new ElfFormatException($"{what}: unsupported binding {(int)binding}");
                }

                if (symbolType > ElfSymbolType.File)
                {
                    throw new ElfFormatException($"{what}: unsupported type {(int)symbolType}");
                }

                if ((binding == ElfSymbolBinding.Local) != ((uint)i < symtab.Info))
                {
                    throw new ElfFormatException(
                        $"{what}: binding {binding} is on the wrong side of sh_info {symtab.Info} (local symbols must come first)");
                }

                ushort shndx = BinaryPrimitives.ReadUInt16LittleEndian(e[ElfConstants.StShndx..]);
                ulong value = BinaryPrimitives.ReadUInt64LittleEndian(e[ElfConstants.StValue..]);
                ulong size = BinaryPrimitives.ReadUInt64LittleEndian(e[ElfConstants.StSize..]);
                if (shndx >= ElfConstants.SectionLoReserve)
                {
                    if (shndx is not (ElfConstants.SectionAbsolute or ElfConstants.SectionCommon))
                    {
                        throw new ElfFormatException($"{what}: unsupported special section index {Hex(shndx)}");
                    }
                }
                else if (shndx != ElfConstants.SectionUndefined)
                {
                    if (shndx >= sections.Length)
                    {
                        throw new ElfFormatException($"{what}: section index {shndx} is out of range (the file has {sections.Length} sections)");
                    }

                    CheckSymbolInSection(what, value, size, sections[shndx]);
                }

                result[i - 1] = new ElfSymbol(i, name, value, size, symbolType, binding, e[ElfConstants.StOther], shndx);
            }

            return result;
        }

        private readonly void CheckSymbolInSection(string what, ulong value, ulong size, ElfSection section)
        {
            if (section.Type == ElfSectionType.Null)
            {
                throw new ElfFormatException($"{what}: defined in {section}, which is a null section");
            }

            // In ET_REL, values are section offsets; elsewhere they are addresses inside the section.
            ulong start = type == ElfFileType.Relocatable ? 0 : section.Address;
            if (value < start || value - start > section.Size || size > section.Size - (value - start))
            {
                throw new ElfFormatException(
                    $"{what}: [{Hex(value)}, +{Hex(size)}) lies outside {section} (address {Hex(start)}, size {Hex(section.Size)})");
            }
        }

        private readonly ElfNote[] ReadNotes(ElfSection[] sections)
        {
            var result = new List<ElfNote>();
            foreach (var section in sections)
            {
                if (section.Type != ElfSectionType.Note)
                {
                    continue;
                }

                ulong alignment = section.Alignment <= 4 ? 4UL : section.Alignment == 8 ? 8UL
                    : throw new ElfFormatException($"{section}: note alignment {Hex(section.Alignment)} is not 4 or 8");
                var data = section.Data.Span;
                ulong size = (ulong)data.Length;
                ulong position = 0;

                // Every iteration consumes at least the 12-byte header, so this ends within size / 12 steps.
                while (position < size)
                {
                    ulong noteStart = position;
                    if (size - position < ElfConstants.NoteHeaderSize)
                    {
                        throw new ElfFormatException(
                            $"{section}: note at offset {Hex(section.Offset + noteStart)} is truncated: {size - position} bytes left, the note header needs 12");
                    }

                    var header = data.Slice((int)position, ElfConstants.NoteHeaderSize);
                    ulong nameSize = BinaryPrimitives.ReadUInt32LittleEndian(header);
                    ulong descSize = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
                    uint noteType = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
                    position += ElfConstants.NoteHeaderSize;
                    ulong paddedName = AlignUp(nameSize, alignment);
                    ulong paddedDesc = AlignUp(descSize, alignment);
                    if (!FitsIn(position, paddedName, size) || !FitsIn(position + paddedName, paddedDesc, size))
                    {
                        throw new ElfFormatException(
                            $"{section}: note at offset {Hex(section.Offset + noteStart)} (namesz {Hex(nameSize)}, descsz {Hex(descSize)}) extends past the end of the section (size {Hex(size)})");
                    }

                    var nameBytes = data.Slice((int)position, (int)nameSize);
                    string owner = "";
                    if (nameSize != 0)
                    {
                        if (nameBytes[^1] != 0)
                        {
                            throw new ElfFormatException($"{section}: note owner at offset {Hex(section.Offset + position)} is not NUL-terminated");
                        }

                        owner = Encoding.UTF8.GetString(nameBytes[..^1]);
                    }

                    position += paddedName;
                    var descriptor = section.Data.Slice((int)position, (int)descSize);
                    result.Add(new ElfNote(owner, noteType, descriptor, section.Index, section.Offset + position));
                    position += paddedDesc;
                }
            }

            return [.. result];
        }

        private static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);

        private readonly ushort U16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(file[offset..]);

        private readonly uint U32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(file[offset..]);

        private readonly ulong U64(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(file[offset..]);
    }

    private readonly record struct Region(ulong Start, ulong End, string What);

    private readonly record struct RawSection(uint Name, ElfSectionType Type, ElfSectionFlags Flags, ulong Address, ulong Offset,
        ulong Size, uint Link, uint Info, ulong Alignment, ulong EntrySize)
    {
        public static RawSection Read(ReadOnlySpan<byte> table, int index)
        {
            var h = table.Slice(index * ElfConstants.SectionHeaderSize, ElfConstants.SectionHeaderSize);
            return new RawSection(
                BinaryPrimitives.ReadUInt32LittleEndian(h[ElfConstants.ShName..]),
                (ElfSectionType)BinaryPrimitives.ReadUInt32LittleEndian(h[ElfConstants.ShType..]),
                (ElfSectionFlags)BinaryPrimitives.ReadUInt64LittleEndian(h[ElfConstants.ShFlags..]),
                BinaryPrimitives.ReadUInt64LittleEndian(h[ElfConstants.ShAddr..]),
                BinaryPrimitives.ReadUInt64LittleEndian(h[ElfConstants.ShOffset..]),
                BinaryPrimitives.ReadUInt64LittleEndian(h[ElfConstants.ShSize..]),
                BinaryPrimitives.ReadUInt32LittleEndian(h[ElfConstants.ShLink..]),
                BinaryPrimitives.ReadUInt32LittleEndian(h[ElfConstants.ShInfo..]),
                BinaryPrimitives.ReadUInt64LittleEndian(h[ElfConstants.ShAddrAlign..]),
                BinaryPrimitives.ReadUInt64LittleEndian(h[ElfConstants.ShEntSize..]));
        }
    }
}
