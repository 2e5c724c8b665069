namespace Kiln.Component.Wit.Model;

/// <summary>A feature gate (<c>@since</c>, <c>@unstable</c>, optionally <c>@deprecated</c>); <see cref="Unknown"/> when ungated.
/// Gates are source-level only: the encoding of a package carries none of them (WIT.md, Package Format).</summary>
public sealed record WitStability(WitVersion? Since, string? Feature, WitVersion? Deprecated)
{
    public static readonly WitStability Unknown = new(null, null, null);

    public bool IsUnknown => Since is null && Feature is null && Deprecated is null;
    public bool IsUnstable => Feature is not null;
}
