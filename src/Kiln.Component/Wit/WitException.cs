namespace Kiln.Component.Wit;

/// <summary>What went wrong with a WIT input; tests and tools branch on this, never on the message.</summary>
public enum WitErrorKind
{
    /// <summary>The text does not follow the grammar (a bad token, a missing <c>;</c>, an invalid identifier).</summary>
    Syntax,
    /// <summary>A name (type, interface, world, include rename) that is defined nowhere in scope.</summary>
    UnknownName,
    /// <summary>A name defined twice in one scope (types, functions, interfaces, worlds, imports, exports, fields).</summary>
    Duplicate,
    /// <summary>A type refers to itself, or interfaces, worlds or packages depend on each other in a circle.</summary>
    Cycle,
    /// <summary>A foreign package that no file, <c>deps/</c> entry or nested package defines.</summary>
    MissingPackage,
    /// <summary>A version that is not semver, or packages of one file disagreeing on their name or version.</summary>
    BadVersion,
    /// <summary>Well-formed but meaningless: a handle to a non-resource, a gate rule broken, a bad constructor result.</summary>
    Invalid,
    /// <summary>A component that does not carry WIT the decoder can read.</summary>
    Decode,
    /// <summary>A file or directory that cannot be read.</summary>
    Io,
}

/// <summary>
/// A WIT error naming what and where: <c>file:line:column: reason</c>, as wit-parser reports them. Decode errors
/// of components carry no line (<see cref="Location"/> is null).
/// </summary>
public sealed class WitException(WitErrorKind kind, string reason, WitLocation? location = null, Exception? inner = null)
    : KilnException(location is { } l ? $"{l}: {reason}" : reason, inner)
{
    public WitErrorKind Kind { get; } = kind;
    public string Reason { get; } = reason;
    public WitLocation? Location { get; } = location;
}

/// <summary>A place in a WIT source: file (as given), 1-based line and column.</summary>
public readonly record struct WitLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
