using Kiln.Component.Wit.Model;

namespace Kiln.Component.Wit.Syntax;

/// <summary>A parsed gate: the stability it gives, and where it was written.</summary>
public readonly record struct GateSyntax(WitStability Stability, WitLocation? At)
{
    public static readonly GateSyntax None = new(WitStability.Unknown, null);
}

/// <summary><c>ns:name@version</c> as written.</summary>
public sealed record PackageNameSyntax(WitPackageName Name, WitLocation At);

/// <summary>A use path: a local interface name (<see cref="Package"/> null) or <c>ns:pkg/iface@v</c>.</summary>
public sealed record UsePathSyntax(PackageNameSyntax? Package, string Interface, WitLocation At)
{
    public override string ToString() => Package is null ? Interface : Package.Name.IdOf(Interface);
}

/// <summary>One <c>.wit</c> file: its package declaration (if any), top-level items and nested packages.</summary>
public sealed class WitFileSyntax(string path)
{
    public string Path { get; } = path;
    public PackageNameSyntax? Package { get; set; }
    public string? PackageDocs { get; set; }
    public List<TopLevelItemSyntax> Items { get; } = [];
    /// <summary><c>package a:b { … }</c> blocks: each a whole package of its own.</summary>
    public List<NestedPackageSyntax> Nested { get; } = [];
}

public sealed record NestedPackageSyntax(PackageNameSyntax Package, string? Docs, List<TopLevelItemSyntax> Items);

public abstract record TopLevelItemSyntax(string Name, WitLocation At);

/// <summary><c>use path as name;</c> at the top of a file.</summary>
public sealed record TopLevelUseSyntax(UsePathSyntax Path, string Name, WitLocation At) : TopLevelItemSyntax(Name, At);

public sealed record InterfaceSyntax(string Name, string? Docs, GateSyntax Gate, List<InterfaceItemSyntax> Items, WitLocation At)
    : TopLevelItemSyntax(Name, At);

public sealed record WorldSyntax(string Name, string? Docs, GateSyntax Gate, List<WorldItemSyntax> Items, WitLocation At)
    : TopLevelItemSyntax(Name, At);

/// <summary>An item of an interface body (also used inside worlds for <c>use</c> and type declarations).</summary>
public abstract record InterfaceItemSyntax(string? Docs, GateSyntax Gate, WitLocation At);

public sealed record UseNameSyntax(string Name, string? As, WitLocation At);

/// <summary><c>use path.{a, b as c};</c></summary>
public sealed record UseSyntax(UsePathSyntax Path, List<UseNameSyntax> Names, GateSyntax Gate, WitLocation At)
    : InterfaceItemSyntax(null, Gate, At);

/// <summary>A named type declaration: record, variant, enum, flags, resource or <c>type x = …</c>.</summary>
public sealed record TypeDeclSyntax(string Name, TypeDeclBody Body, string? Docs, GateSyntax Gate, WitLocation At)
    : InterfaceItemSyntax(Docs, Gate, At);

public sealed record FuncSyntax(string Name, FuncTypeSyntax Type, string? Docs, GateSyntax Gate, WitLocation At)
    : InterfaceItemSyntax(Docs, Gate, At);

public sealed record NamedTypeSyntax(string Name, TypeSyntax Type, string? Docs, WitLocation At);

public sealed record FuncTypeSyntax(bool Async, List<NamedTypeSyntax> Params, TypeSyntax? Result, WitLocation At);

public abstract record TypeDeclBody;
public sealed record RecordBody(List<NamedTypeSyntax> Fields) : TypeDeclBody;
public sealed record CaseSyntax(string Name, TypeSyntax? Type, string? Docs, WitLocation At);
public sealed record VariantBody(List<CaseSyntax> Cases) : TypeDeclBody;
public sealed record EnumBody(List<CaseSyntax> Cases) : TypeDeclBody;
public sealed record FlagsBody(List<CaseSyntax> Flags) : TypeDeclBody;
public sealed record AliasBody(TypeSyntax Type) : TypeDeclBody;
public sealed record ResourceBody(List<ResourceFuncSyntax> Functions) : TypeDeclBody;

public sealed record ResourceFuncSyntax(WitFunctionKind Kind, string Name, FuncTypeSyntax Type, string? Docs, GateSyntax Gate, WitLocation At);

/// <summary>A type expression.</summary>
public abstract record TypeSyntax(WitLocation At);
public sealed record PrimitiveTypeSyntax(WitPrimitive Primitive, WitLocation At) : TypeSyntax(At);
public sealed record NameTypeSyntax(string Name, WitLocation At) : TypeSyntax(At);
public sealed record ListTypeSyntax(TypeSyntax Element, uint? Length, WitLocation At) : TypeSyntax(At);
public sealed record MapTypeSyntax(TypeSyntax Key, TypeSyntax Value, WitLocation At) : TypeSyntax(At);
public sealed record OptionTypeSyntax(TypeSyntax Type, WitLocation At) : TypeSyntax(At);
public sealed record ResultTypeSyntax(TypeSyntax? Ok, TypeSyntax? Err, WitLocation At) : TypeSyntax(At);
public sealed record TupleTypeSyntax(List<TypeSyntax> Types, WitLocation At) : TypeSyntax(At);
public sealed record HandleTypeSyntax(bool Borrow, string Resource, WitLocation At) : TypeSyntax(At);
public sealed record FutureTypeSyntax(TypeSyntax? Type, WitLocation At) : TypeSyntax(At);
public sealed record StreamTypeSyntax(TypeSyntax? Type, WitLocation At) : TypeSyntax(At);

/// <summary>An item of a world body.</summary>
public abstract record WorldItemSyntax(string? Docs, GateSyntax Gate, WitLocation At);

/// <summary><c>import</c>/<c>export</c>: by path (<c>import wasi:io/streams;</c>), or named with a function,
/// an inline interface, or a path (<c>import x: wasi:kv/store;</c>).</summary>
public sealed record ExternSyntax(bool IsImport, string? Name, UsePathSyntax? Path, FuncTypeSyntax? Func,
    List<InterfaceItemSyntax>? Inline, string? ExternalId, string? Docs, GateSyntax Gate, WitLocation At)
    : WorldItemSyntax(Docs, Gate, At);

public sealed record IncludeNameSyntax(string Name, string As, WitLocation At);

public sealed record IncludeSyntax(UsePathSyntax World, List<IncludeNameSyntax> With, GateSyntax Gate, WitLocation At)
    : WorldItemSyntax(null, Gate, At);

/// <summary>A <c>use</c> or a type declaration inside a world.</summary>
public sealed record WorldTypeItemSyntax(InterfaceItemSyntax Item) : WorldItemSyntax(Item.Docs, Item.Gate, Item.At);
