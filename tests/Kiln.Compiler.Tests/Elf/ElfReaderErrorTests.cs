using Kiln.Compiler.Artifacts.Elf;
using static Kiln.Compiler.Tests.Elf.ElfPatch;

namespace Kiln.Compiler.Tests.Elf;

/// <summary>Each corruption is refused with a message that names the field or section and where it is.</summary>
public class ElfReaderErrorTests
{
    private static byte[] Plain() => SampleArtifacts.Build(ElfMachine.X86_64, withIntegrity: false);

    private static string Refused(byte[] file, ElfReadOptions? options = null)
        => Assert.ThrowsAny<ElfFormatException>(() => ElfReader.Parse(file, options)).Message;

    [Fact]
    public void TooShortAndNotElf()
    {
        Assert.Equal("file is too short for an ELF64 header: 0 bytes, need 64", Refused([]));
        Assert.Contains("too short", Refused(Plain()[..63]));
        byte[] file = Plain();
        file[1] = (byte)'X';
        Assert.Equal("not an ELF file: bad magic 7F584C46 at offset 0x0", Refused(file));
    }

    [Fact]
    public void ForeignClassEncodingAndVersion()
    {
        byte[] file = Plain();
        file[4] = 1;
        Assert.Equal("unsupported ELF class 1 at offset 0x4 (only ELFCLASS64 = 2)", Refused(file));
        file = Plain();
        file[5] = 2;
        Assert.Contains("unsupported data encoding 2 at offset 0x5", Refused(file));
        file = Plain();
        U32(file, ElfConstants.OffVersion, 2);
        Assert.Contains("unsupported e_version 2", Refused(file));
        file = Plain();
        file[7] = 3;
        Assert.Contains("unsupported OS ABI 3", Refused(file));
    }

    [Fact]
    public void ForeignTargetIsRefused()
    {
        Assert.Equal("file is for EM_X86_64 (62), expected EM_AARCH64 (183): it was compiled for another target",
            Refused(Plain(), new ElfReadOptions { ExpectedMachine = ElfMachine.AArch64 }));
        byte[] file = Plain();
        U16(file, ElfConstants.OffMachine, 3);
        Assert.Contains("unsupported machine 3 at offset 0x12", Refused(file));
        file = Plain();
        U16(file, ElfConstants.OffType, (ushort)ElfFileType.SharedObject);
        Assert.Equal("ELF file type is SharedObject, expected Relocatable",
            Refused(file, new ElfReadOptions { ExpectedType = ElfFileType.Relocatable }));
    }

    [Fact]
    public void SectionPastTheEndNamesTheSection()
    {
        byte[] file = Plain();
        U64(file, SectionField(file, ".text", ElfConstants.ShSize), 0x10000);
        Assert.Equal($"section 1 (.text) extends past the end of the file: offset 0x1000 size 0x10000, file size 0x{file.Length:x}", Refused(file));

        file = Plain();
        U64(file, SectionField(file, ".kiln.meta", ElfConstants.ShOffset), ulong.MaxValue - 4); // offset + size overflows
        Assert.StartsWith("section 4 (.kiln.meta) extends past the end of the file: offset 0xfffffffffffffffb size 0x12", Refused(file));
    }

    [Fact]
    public void TruncationCutsOffTheSectionHeaderTable()
    {
        byte[] file = Plain();
        Assert.StartsWith("section header table extends past the end of the file", Refused(file[..(file.Length - 1)]));
        Assert.StartsWith("section header table extends past the end of the file", Refused(file[..0x1010]));
    }

    [Fact]
    public void HeaderTableShapes()
    {
        byte[] file = Plain();
        U16(file, ElfConstants.OffShEntSize, 40);
        Assert.Equal("e_shentsize is 40 at offset 0x3a, expected 64", Refused(file));
        file = Plain();
        U16(file, ElfConstants.OffShNum, 0xfeff);
        Assert.Contains("section header table extends past the end of the file", Refused(file));
        file = Plain();
        U16(file, ElfConstants.OffShStrNdx, 77);
        Assert.Contains("e_shstrndx 77 at offset 0x3e is not a section index", Refused(file));
        file = Plain();
        U16(file, ElfConstants.OffShStrNdx, 1);
        Assert.Contains("has type 1, expected SHT_STRTAB", Refused(file));
        file = Plain();
        U16(file, ElfConstants.OffShNum, 0);
        Assert.Contains("extended section numbering is not supported", Refused(file));
        file = Plain();
        U16(file, ElfConstants.OffPhNum, 2);
        Assert.Contains("e_phentsize is 0", Refused(file));
        file = Plain();
        file[SectionHeader(file, 0) + 5] = 1;
        Assert.Contains("section 0 (the null section)", Refused(file));
    }

    [Fact]
    public void NamesMustBeInsideTheStringTable()
    {
        byte[] file = Plain();
        U32(file, SectionField(file, ".kiln.traps", ElfConstants.ShName), 0x7fff);
        Assert.Equal("section 2: name offset 0x7fff is outside the section name table (size 0x50) or not NUL-terminated", Refused(file));

        file = Plain();
        U32(file, SymbolField(file, "add", ElfConstants.StName), 0x400);
        Assert.StartsWith("symbol 3: name offset 0x400 is outside section 7 (.strtab)", Refused(file));
    }

    [Fact]
    public void OverlapsAndAlignment()
    {
        byte[] file = Plain();
        U64(file, SectionField(file, ".kiln.meta", ElfConstants.ShOffset), 0x1000);
        Assert.Equal("section 1 (.text) [0x1000, 0x1022) overlaps section 4 (.kiln.meta) [0x1000, 0x1012)", Refused(file));

        file = Plain();
        U64(file, SectionField(file, ".kiln.meta", ElfConstants.ShOffset), 0x10);
        Assert.Contains("overlaps the ELF header", Refused(file));

        file = Plain();
        U64(file, SectionField(file, ".text", ElfConstants.ShAddrAlign), 24);
        Assert.Equal("section 1 (.text): alignment 0x18 is not a power of two", Refused(file));

        file = Plain();
        U64(file, SectionField(file, ".text", ElfConstants.ShOffset), 0x1004);
        Assert.Equal("section 1 (.text): offset 0x1004 is not a multiple of its alignment 0x10", Refused(file));

        file = Plain();
        U32(file, SectionField(file, ".kiln.meta", ElfConstants.ShName), 1); // offset 1 of .shstrtab is ".text"
        Assert.Contains("duplicate section name", Refused(file));
    }

    [Fact]
    public void SymbolsMustLieInsideTheirSection()
    {
        byte[] file = Plain();
        U64(file, SymbolField(file, "trap", ElfConstants.StSize), 3);
        Assert.Equal("symbol 4 (trap): [0x20, +0x3) lies outside section 1 (.text) (address 0x0, size 0x22)", Refused(file));

        file = Plain();
        U16(file, SymbolField(file, "add", ElfConstants.StShndx), 40);
        Assert.Equal("symbol 3 (add): section index 40 is out of range (the file has 9 sections)", Refused(file));

        file = Plain();
        file[SymbolField(file, "add", ElfConstants.StInfo)] = (byte)ElfSymbolType.Func; // local after sh_info
        Assert.Contains("symbol 3 (add): binding Local is on the wrong side of sh_info 2", Refused(file));

        file = Plain();
        U32(file, SectionField(file, ".symtab", ElfConstants.ShLink), 1);
        Assert.Equal("section 6 (.symtab): sh_link 1 does not name a SHT_STRTAB section", Refused(file));

        file = Plain();
        U64(file, SectionField(file, ".symtab", ElfConstants.ShSize), 25);
        Assert.Contains("is not a non-zero multiple of the symbol size", Refused(file));
    }

    [Fact]
    public void NotesMustFitTheirSection()
    {
        byte[] file = Plain();
        int notes = (int)ElfReader.Parse(file).GetSection(KilnNotes.SectionName).Offset;
        U32(file, notes + 4, 0x1000); // descsz
        Assert.StartsWith($"section 5 (.note.kiln): note at offset 0x{notes:x} (namesz 0x5, descsz 0x1000) extends past the end of the section", Refused(file));

        file = Plain();
        U32(file, notes, 0xffffffff); // namesz near 4 GiB must not overflow
        Assert.Contains("extends past the end of the section", Refused(file));

        file = Plain();
        file[notes + 12 + 4] = (byte)'!'; // the owner's terminating NUL
        Assert.Contains("is not NUL-terminated", Refused(file));

        file = Plain();
        U32(file, notes + 4, 36); // a shorter descriptor leaves 8 bytes: too few for another note header
        Assert.Contains($"note at offset 0x{notes + 56:x} is truncated: 8 bytes left, the note header needs 12", Refused(file));
    }

    [Fact]
    public void PathologicalNameOffsetsDoNotAllocateQuadratically()
    {
        // 1000 null sections whose names are successive suffixes of one 60000-byte name.
        const int nameLength = 60_000, sections = 1000;
        int shoff = 64 + nameLength + 8 & ~7;
        var file = new byte[shoff + sections * ElfConstants.SectionHeaderSize];
        byte[] valid = Plain();
        valid.AsSpan(0, 64).CopyTo(file);
        file.AsSpan(64, nameLength - 1).Fill((byte)'a');
        U64(file, ElfConstants.OffShOff, (ulong)shoff);
        U16(file, ElfConstants.OffShNum, sections);
        U16(file, ElfConstants.OffShStrNdx, 1);
        int strtab = SectionHeader(file, 1);
        U32(file, strtab + ElfConstants.ShType, (uint)ElfSectionType.StrTab);
        U64(file, strtab + ElfConstants.ShOffset, 64);
        U64(file, strtab + ElfConstants.ShSize, nameLength);
        for (int i = 2; i < sections; i++)
        {
            U32(file, SectionHeader(file, i) + ElfConstants.ShName, (uint)i);
        }

        Assert.Contains("names decode to more bytes than the file could plausibly hold", Refused(file));
    }
}
