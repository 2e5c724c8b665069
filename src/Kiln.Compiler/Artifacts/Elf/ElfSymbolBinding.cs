namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>The high nibble of st_info.</summary>
public enum ElfSymbolBinding : byte
{
    Local = 0,
    Global = 1,
    Weak = 2,
}
