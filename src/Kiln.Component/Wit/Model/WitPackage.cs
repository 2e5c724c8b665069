namespace Kiln.Component.Wit.Model;

/// <summary>A resolved package: its interfaces and worlds in source order.</summary>
public sealed class WitPackage(WitPackageName name)
{
    public WitPackageName Name { get; } = name;
    public string? Docs { get; set; }
    public OrderedDictionary<string, WitInterface> Interfaces { get; } = new(StringComparer.Ordinal);
    public OrderedDictionary<string, WitWorld> Worlds { get; } = new(StringComparer.Ordinal);

    public override string ToString() => Name.ToString();
}

/// <summary>
/// A set of resolved packages (wit-parser's <c>Resolve</c>): every package in dependency order (dependencies first),
/// the one the input named (<see cref="Main"/>), and every type definition made while resolving.
/// </summary>
public sealed class WitResolve
{
    public List<WitPackage> Packages { get; } = [];
    public WitPackage? Main { get; set; }

    public WitPackage? Find(WitPackageName name) =>
        Packages.Find(p => p.Name.Namespace == name.Namespace && p.Name.Name == name.Name && Equals(p.Name.Version, name.Version));

    /// <summary>The world <paramref name="name"/> of the main package (or <c>ns:pkg/world</c> of any package); the only world when null.</summary>
    public WitWorld SelectWorld(string? name)
    {
        var main = Main ?? throw new WitException(WitErrorKind.UnknownName, "no package to select a world from");
        if (name is null)
        {
            if (main.Worlds.Count == 1) return main.Worlds.GetAt(0).Value;
            throw new WitException(WitErrorKind.UnknownName,
                main.Worlds.Count == 0 ? $"package `{main.Name}` contains no worlds" : $"multiple worlds in package `{main.Name}`: pick one with a name");
        }
        if (main.Worlds.TryGetValue(name, out var w)) return w;
        foreach (var p in Packages)
            foreach (var (wn, world) in p.Worlds)
                if (world.Id == name || $"{p.Name.Unversioned}/{wn}" == name) return world;
        throw new WitException(WitErrorKind.UnknownName, $"world `{name}` not found in package `{main.Name}`");
    }
}
