namespace Kiln.Component.Model;

/// <summary>A value definition (🪙): its type and its encoded bytes (<c>val(t)</c>), kept as written;
/// the validator decodes them against the type.</summary>
public sealed record ComponentValue(ComponentValType Type, ReadOnlyMemory<byte> Bytes) : ComponentItem;
