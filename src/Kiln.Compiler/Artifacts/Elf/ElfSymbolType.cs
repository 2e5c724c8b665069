namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>The low nibble of st_info.</summary>
public enum ElfSymbolType : byte
{
    NoType = 0,
    Object = 1,
    Func = 2,
    Section = 3,
    File = 4,
}
