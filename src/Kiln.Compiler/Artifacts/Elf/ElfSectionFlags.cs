namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>sh_flags bits.</summary>
[Flags]
public enum ElfSectionFlags : ulong
{
    None = 0,
    Write = 0x1,
    Alloc = 0x2,
    ExecInstr = 0x4,
    Merge = 0x10,
    Strings = 0x20,
    InfoLink = 0x40,
}
