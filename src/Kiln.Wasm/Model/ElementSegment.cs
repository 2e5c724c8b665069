namespace Kiln.Wasm.Model;

/// <summary>
/// An element segment. Items are either plain function indices (<see cref="FunctionIndices"/>, the
/// compact encodings) or constant expressions (<see cref="Expressions"/>); exactly one is non-null.
/// <see cref="Encoding"/> remembers which of the eight binary forms was used so a module writes back as it came.
/// </summary>
public sealed class ElementSegment
{
    public SegmentMode Mode { get; init; }
    public uint TableIndex { get; init; }
    public ConstExpr? Offset { get; init; }
    public ValType ElementType { get; init; } = ValType.FuncRef;
    public uint[]? FunctionIndices { get; init; }
    public ConstExpr[]? Expressions { get; init; }

    /// <summary>The binary form (0–7) the segment was read in, or -1 to let the encoder choose the smallest.</summary>
    public int Encoding { get; init; } = -1;

    public int Count => FunctionIndices?.Length ?? Expressions!.Length;
}
