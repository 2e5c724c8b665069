namespace Kiln.Component.Binary;

/// <summary>A malformed component binary. <see cref="Reason"/> is worded as wasm-tools' wasmparser words it
/// (the reference tests' <c>assert_malformed</c> messages: "unexpected end-of-file", "invalid leading byte
/// (0x62) for component defined type", …) and <see cref="Offset"/> is the byte offset in the outermost binary,
/// nested core modules and components included.</summary>
/// A nested core module's error keeps Kiln.Wasm's wording (the core spec suite's) and is the inner exception.
public sealed class ComponentDecodeException(string reason, long offset, Exception? inner = null)
    : KilnException($"{reason} (at byte offset 0x{offset:x})", inner)
{
    public string Reason { get; } = reason;
    public long Offset { get; } = offset;
}
