namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>The first word of the integrity note's descriptor.</summary>
public enum ElfIntegrityAlgorithm : uint
{
    Sha256 = 1,
    HmacSha256 = 2,
}
