namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>e_type. Kiln writes <see cref="Relocatable"/>; the reader also recognises the others.</summary>
public enum ElfFileType : ushort
{
    None = 0,
    Relocatable = 1,
    Executable = 2,
    SharedObject = 3,
    Core = 4,
}
