using Kiln.IR;

namespace Kiln.Compiler.Driver;

/// <summary>A trapping instruction at a blob offset.</summary>
public readonly record struct CodeTrapSite(int Offset, TrapCode Code);
