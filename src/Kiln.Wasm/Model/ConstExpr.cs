namespace Kiln.Wasm.Model;

/// <summary>
/// A constant expression (global initializer, segment offset, element item), kept as its encoded
/// instruction bytes including the final <c>end</c>; read it with <see cref="Instructions.InstructionReader"/>.
/// </summary>
/// <param name="Code">The instruction bytes, ending with 0x0B.</param>
/// <param name="Offset">Byte offset of <paramref name="Code"/> in the module binary, for error messages.</param>
public sealed class ConstExpr(ReadOnlyMemory<byte> code, int offset) : IEquatable<ConstExpr>
{
    public ReadOnlyMemory<byte> Code { get; } = code;
    public int Offset { get; } = offset;

    public bool Equals(ConstExpr? other) => other is not null && Code.Span.SequenceEqual(other.Code.Span);
    public override bool Equals(object? obj) => Equals(obj as ConstExpr);
    public override int GetHashCode() => Code.Length;
}
