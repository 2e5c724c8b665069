namespace Kiln.Component.Wit.Model;

/// <summary>The key of a world import or export: a plain name, or an interface imported/exported by its id.</summary>
public sealed record WitWorldKey(string? Name, WitInterface? Interface)
{
    public static WitWorldKey Named(string name) => new(name, null);
    public static WitWorldKey Of(WitInterface iface) => new(null, iface);

    /// <summary>The component import/export name.</summary>
    public string ExternName => Name ?? Interface!.Id!;

    public override string ToString() => ExternName;
}

/// <summary>What a world imports or exports.</summary>
public abstract class WitWorldItem
{
    public string? Docs { get; set; }
    public WitStability Stability { get; set; } = WitStability.Unknown;
}

/// <summary>An interface (named, or anonymous for <c>import x: interface { … }</c>).</summary>
public sealed class WitInterfaceItem(WitInterface iface) : WitWorldItem
{
    public WitInterface Interface { get; } = iface;
}

public sealed class WitFunctionItem(WitFunction function) : WitWorldItem
{
    public WitFunction Function { get; } = function;
}

/// <summary>A type imported into the world (<c>use</c> or a type declaration in the world).</summary>
public sealed class WitTypeItem(WitTypeDef type) : WitWorldItem
{
    public WitTypeDef Type { get; } = type;
}

/// <summary>A world: imports and exports, in order, after <c>include</c>s and the transitive imports are elaborated.</summary>
public sealed class WitWorld(string name, WitPackage package)
{
    public string Name { get; } = name;
    public WitPackage Package { get; } = package;
    public OrderedDictionary<WitWorldKey, WitWorldItem> Imports { get; } = [];
    public OrderedDictionary<WitWorldKey, WitWorldItem> Exports { get; } = [];
    public string? Docs { get; set; }
    public WitStability Stability { get; set; } = WitStability.Unknown;

    public string Id => Package.Name.IdOf(Name);

    public override string ToString() => Id;
}
