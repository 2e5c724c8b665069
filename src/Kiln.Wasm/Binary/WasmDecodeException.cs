namespace Kiln.Wasm.Binary;

/// <summary>A malformed binary: the message follows the spec's wording ("unexpected end", "integer too large", …)
/// and <see cref="Offset"/> is the byte offset in the module where decoding failed.</summary>
public sealed class WasmDecodeException(string message, long offset)
    : KilnException($"{message} (at byte offset 0x{offset:x})")
{
    public string Reason { get; } = message;
    public long Offset { get; } = offset;
}
