namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>A validated program header. Kiln does not write these; the reader checks them if present.</summary>
public readonly record struct ElfProgramHeader(
    uint Type,
    uint Flags,
    ulong Offset,
    ulong VirtualAddress,
    ulong PhysicalAddress,
    ulong FileSize,
    ulong MemorySize,
    ulong Alignment);
