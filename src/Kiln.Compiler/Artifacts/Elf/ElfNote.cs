namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>One entry of a SHT_NOTE section; <see cref="Descriptor"/> is a slice of the file.</summary>
public readonly record struct ElfNote(string Owner, uint Type, ReadOnlyMemory<byte> Descriptor, int SectionIndex, ulong FileOffset);
