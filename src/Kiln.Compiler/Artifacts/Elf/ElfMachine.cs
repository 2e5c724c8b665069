namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>The e_machine values Kiln emits and accepts.</summary>
public enum ElfMachine : ushort
{
    X86_64 = 62,
    AArch64 = 183,
}
