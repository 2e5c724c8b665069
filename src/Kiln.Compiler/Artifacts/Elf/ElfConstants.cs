namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>Sizes, offsets and magic numbers of the ELF64 little-endian format (gABI).</summary>
public static class ElfConstants
{
    // e_ident
    public const int IdentSize = 16;
    public const byte Mag0 = 0x7f, Mag1 = (byte)'E', Mag2 = (byte)'L', Mag3 = (byte)'F';
    public const byte ClassElf64 = 2;
    public const byte DataLittleEndian = 1;
    public const byte IdentVersionCurrent = 1;
    public const byte OsAbiSystemV = 0;
    public const uint VersionCurrent = 1;

    // Fixed record sizes of ELF64.
    public const int FileHeaderSize = 64;
    public const int SectionHeaderSize = 64;
    public const int ProgramHeaderSize = 56;
    public const int SymbolSize = 24;
    public const int NoteHeaderSize = 12;

    // Special section indices.
    public const ushort SectionUndefined = 0;
    public const ushort SectionLoReserve = 0xff00;
    public const ushort SectionAbsolute = 0xfff1;
    public const ushort SectionCommon = 0xfff2;
    public const ushort SectionXIndex = 0xffff;

    /// <summary>e_phnum value meaning "count is in section 0" (extended numbering).</summary>
    public const ushort ProgramHeaderXNum = 0xffff;

    // ELF header field offsets (ELF64).
    public const int OffType = 16, OffMachine = 18, OffVersion = 20, OffEntry = 24, OffPhOff = 32, OffShOff = 40,
        OffFlags = 48, OffEhSize = 52, OffPhEntSize = 54, OffPhNum = 56, OffShEntSize = 58, OffShNum = 60, OffShStrNdx = 62;

    // Section header field offsets.
    public const int ShName = 0, ShType = 4, ShFlags = 8, ShAddr = 16, ShOffset = 24, ShSize = 32, ShLink = 40,
        ShInfo = 44, ShAddrAlign = 48, ShEntSize = 56;

    // Symbol field offsets.
    public const int StName = 0, StInfo = 4, StOther = 5, StShndx = 6, StValue = 8, StSize = 16;

    // Program header field offsets.
    public const int PhType = 0, PhFlags = 4, PhOffset = 8, PhVAddr = 16, PhPAddr = 24, PhFileSz = 32, PhMemSz = 40,
        PhAlign = 48;
}
