namespace Kiln.Component.Wit.Model;

/// <summary>
/// A type definition of a resolved package set: named (declared in an interface or world: <see cref="Owner"/>
/// is set) or anonymous (<c>list&lt;u8&gt;</c> in a signature: no name, no owner). A <c>use</c> is a named
/// <see cref="WitAliasKind"/> in the using interface whose target is owned by another interface.
/// </summary>
public sealed class WitTypeDef(string? name, WitTypeDefKind kind)
{
    public string? Name { get; set; } = name;
    public WitTypeDefKind Kind { get; set; } = kind;
    /// <summary>The interface or world declaring it (null for anonymous types).</summary>
    public object? Owner { get; set; }
    public string? Docs { get; set; }
    public WitStability Stability { get; set; } = WitStability.Unknown;

    public WitInterface? OwnerInterface => Owner as WitInterface;

    /// <summary>The type behind aliases (<c>type a = b</c>, <c>use</c>): a resource for a used resource.</summary>
    public WitTypeDef Underlying()
    {
        var d = this;
        while (d.Kind is WitAliasKind { Target.Def: { } next }) d = next;
        return d;
    }

    public override string ToString() => Name ?? Kind.GetType().Name;
}

/// <summary>What a type definition is.</summary>
public abstract record WitTypeDefKind;

public sealed record WitField(string Name, WitType Type, string? Docs = null);
public sealed record WitCase(string Name, WitType? Type, string? Docs = null);

public sealed record WitRecordKind(IReadOnlyList<WitField> Fields) : WitTypeDefKind;
public sealed record WitVariantKind(IReadOnlyList<WitCase> Cases) : WitTypeDefKind;
/// <summary>Enum cases or flag names, each with its docs.</summary>
public sealed record WitEnumKind(IReadOnlyList<WitCase> Cases) : WitTypeDefKind;
public sealed record WitFlagsKind(IReadOnlyList<WitCase> Flags) : WitTypeDefKind;
public sealed record WitResourceKind : WitTypeDefKind;
/// <summary><c>own&lt;r&gt;</c> (also a bare resource name) or <c>borrow&lt;r&gt;</c>; <see cref="Resource"/> may be an alias of the resource.</summary>
public sealed record WitHandleKind(bool Borrow, WitTypeDef Resource) : WitTypeDefKind;
public sealed record WitTupleKind(IReadOnlyList<WitType> Types) : WitTypeDefKind;
public sealed record WitListKind(WitType Element) : WitTypeDefKind;
/// <summary><c>list&lt;t, n&gt;</c> (🔧).</summary>
public sealed record WitFixedListKind(WitType Element, uint Length) : WitTypeDefKind;
/// <summary><c>map&lt;k, v&gt;</c> (🗺️).</summary>
public sealed record WitMapKind(WitType Key, WitType Value) : WitTypeDefKind;
public sealed record WitOptionKind(WitType Type) : WitTypeDefKind;
public sealed record WitResultKind(WitType? Ok, WitType? Err) : WitTypeDefKind;
public sealed record WitFutureKind(WitType? Type) : WitTypeDefKind;
public sealed record WitStreamKind(WitType? Type) : WitTypeDefKind;
/// <summary><c>type a = t</c>, or a <c>use</c>d type (target owned by another interface).</summary>
public sealed record WitAliasKind(WitType Target) : WitTypeDefKind;
