using Kiln.Wasm.Model;

namespace Kiln.Wasm.Instructions;

/// <summary>
/// A block type as the binary encodes it, a signed 33-bit value: non-negative is a type index,
/// -64 (0x40) is the empty type, and the negative value types are single results.
/// </summary>
public readonly record struct BlockType(long Raw)
{
    public static readonly BlockType Empty = new(-64);

    public static BlockType FromValType(ValType t) => new((long)(byte)t - 0x80);

    public static BlockType FromTypeIndex(uint index) => new(index);

    public bool IsEmpty => Raw == -64;
    public bool IsTypeIndex => Raw >= 0;
    public uint TypeIndex => (uint)Raw;

    /// <summary>The single result type, for the value-type form.</summary>
    public ValType ValType => (ValType)(byte)(Raw + 0x80);
    public bool IsValType => Raw < 0 && Raw != -64;
}
