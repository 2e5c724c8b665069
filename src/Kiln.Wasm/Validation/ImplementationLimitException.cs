namespace Kiln.Wasm.Validation;

/// <summary>A module that exceeds one of Kiln's <see cref="ImplementationLimits"/> (too many functions, a function
/// body too large, …): refused at validation, before any compilation work.</summary>
public sealed class ImplementationLimitException : KilnException
{
    public ImplementationLimitException(ImplementationLimit limit, long value, string? location)
        : base($"{(location is null ? "" : location + ": ")}implementation limit exceeded: {value} {ImplementationLimits.Describe(limit)}, at most {ImplementationLimits.Maximum(limit)}")
    {
        Limit = limit;
        Value = value;
        Location = location;
    }

    /// <summary>Which limit.</summary>
    public ImplementationLimit Limit { get; }

    /// <summary>The module's value (a count or a size).</summary>
    public long Value { get; }

    /// <summary>The limit's maximum.</summary>
    public long Maximum => ImplementationLimits.Maximum(Limit);

    /// <summary>The module item at fault ("func 3", "type 7"), or null for a module-wide count.</summary>
    public string? Location { get; }
}
