namespace Kiln.Component.Model;

/// <summary>What an alias refers to (Binary.md <c>alias</c>, the byte after the sort).</summary>
public enum AliasTarget : byte
{
    /// <summary><c>(alias export i "name" (sort))</c>: an export of a component instance.</summary>
    InstanceExport = 0x00,
    /// <summary><c>(alias core export i "name" (core sort))</c>: an export of a core instance.</summary>
    CoreInstanceExport = 0x01,
    /// <summary><c>(alias outer ct idx (sort))</c>: a definition of an enclosing component or type scope.</summary>
    Outer = 0x02,
}

/// <summary>
/// An alias definition, also used as a declarator inside component, instance and module types.
/// For export aliases <see cref="Instance"/> and <see cref="Name"/> are meaningful; for outer aliases
/// <see cref="Count"/> (scopes outward, 0 = this one) and <see cref="Index"/>.
/// </summary>
public sealed record Alias(Sort Sort, AliasTarget Target) : ComponentItem
{
    public uint Instance { get; init; }
    public string Name { get; init; } = "";
    public uint Count { get; init; }
    public uint Index { get; init; }

    public static Alias Export(Sort sort, uint instance, string name) =>
        new(sort, AliasTarget.InstanceExport) { Instance = instance, Name = name };
    public static Alias CoreExport(CoreSort sort, uint instance, string name) =>
        new(Sort.OfCore(sort), AliasTarget.CoreInstanceExport) { Instance = instance, Name = name };
    public static Alias Outer(Sort sort, uint count, uint index) =>
        new(sort, AliasTarget.Outer) { Count = count, Index = index };
}
