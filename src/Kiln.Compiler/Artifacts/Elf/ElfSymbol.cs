namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>A validated .symtab entry.</summary>
public readonly record struct ElfSymbol(
    int Index,
    string Name,
    ulong Value,
    ulong Size,
    ElfSymbolType Type,
    ElfSymbolBinding Binding,
    byte Other,
    ushort SectionIndex);
