namespace Kiln.Component.Model;

/// <summary>Canonical options, numbered by their binary encoding (Binary.md <c>canonopt</c>).</summary>
public enum CanonOptionKind : byte
{
    Utf8 = 0x00,
    Utf16 = 0x01,
    /// <summary><c>string-encoding=latin1+utf16</c>.</summary>
    Latin1Utf16 = 0x02,
    Memory = 0x03,
    Realloc = 0x04,
    PostReturn = 0x05,
    Async = 0x06,
    Callback = 0x07,
    CoreType = 0x08,
    Gc = 0x09,
}

/// <summary>One canonical option; <see cref="Index"/> is the core memory, function or type index
/// for the kinds that carry one. Options stay a list, in order, so duplicates can be reported.</summary>
public readonly record struct CanonOption(CanonOptionKind Kind, uint Index = 0)
{
    public bool HasIndex => Kind is CanonOptionKind.Memory or CanonOptionKind.Realloc or CanonOptionKind.PostReturn
        or CanonOptionKind.Callback or CanonOptionKind.CoreType;
}
