namespace Kiln.Codegen;

/// <summary>
/// A reference at <see cref="Offset"/> to function symbol <see cref="Symbol"/> that the linker patches once
/// addresses are known: another compiled function, or a runtime routine (<see cref="IsLibCall"/>).
/// </summary>
public readonly record struct Relocation(int Offset, RelocKind Kind, string Symbol, bool IsLibCall, long Addend);
