namespace Kiln.Codegen;

/// <summary>A jump table in the code's data tail: <see cref="Count"/> 32-bit entries relative to the table's start
/// (one per index, then the default).</summary>
public readonly record struct JumpTableInfo(int Offset, int Count);
