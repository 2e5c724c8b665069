namespace Kiln.Wasm.Model;

public sealed class DataSegment
{
    public SegmentMode Mode { get; init; }
    public uint MemoryIndex { get; init; }
    public ConstExpr? Offset { get; init; }
    public ReadOnlyMemory<byte> Data { get; init; }
}
