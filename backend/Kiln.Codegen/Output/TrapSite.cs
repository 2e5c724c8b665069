using Kiln.IR;

namespace Kiln.Codegen;

/// <summary>The instruction at <see cref="Offset"/> may fault or trap, and then means <see cref="Code"/>.</summary>
public readonly record struct TrapSite(int Offset, TrapCode Code);
