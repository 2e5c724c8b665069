namespace Kiln.Compiler.Driver;

/// <summary>One function's code in the blob: [<see cref="Start"/>, <see cref="Start"/> + <see cref="Length"/>).</summary>
public readonly record struct CodeRange(int Start, int Length, CodeRangeKind Kind, uint Index, string Name);
