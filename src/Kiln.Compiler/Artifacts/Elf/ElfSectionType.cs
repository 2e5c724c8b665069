namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>sh_type values from the gABI; any other value is kept as a raw number.</summary>
public enum ElfSectionType : uint
{
    Null = 0,
    ProgBits = 1,
    SymTab = 2,
    StrTab = 3,
    Rela = 4,
    Hash = 5,
    Dynamic = 6,
    Note = 7,
    NoBits = 8,
    Rel = 9,
    DynSym = 11,
    InitArray = 14,
    FiniArray = 15,
    Group = 17,
    SymTabShndx = 18,
}
