namespace Kiln.Wasm.Model;

/// <summary>A custom section, kept verbatim. <see cref="After"/> records which known section it followed
/// (0 when it came first) so an encoder can put it back in place.</summary>
public sealed record CustomSection(string Name, ReadOnlyMemory<byte> Content, byte After);
