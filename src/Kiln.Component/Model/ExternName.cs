namespace Kiln.Component.Model;

/// <summary>
/// An import or export name with its binary form (Binary.md <c>nameattributes</c>): forms <c>0x00</c>
/// and <c>0x01</c> are the same plain name; <c>0x02</c> carries attributes (🏷️ <c>implements</c>,
/// 🔗 <c>versionsuffix</c>, <c>external-id</c>). Validation ignores the form, so two names differing
/// only in it are equal for uniqueness; encoders write the form back so a binary round-trips.
/// </summary>
public sealed record ExternName(string Name)
{
    public byte Form { get; init; }
    public string? Implements { get; init; }
    public string? VersionSuffix { get; init; }
    public string? ExternalId { get; init; }

    public bool HasAttributes => Implements is not null || VersionSuffix is not null || ExternalId is not null;

    public override string ToString() => Name;
}
