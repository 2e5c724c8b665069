namespace Kiln.Component.Wit.Model;

/// <summary>An interface: named in its package, or anonymous (<c>import x: interface { … }</c> in a world).</summary>
public sealed class WitInterface(string? name, WitPackage package)
{
    public string? Name { get; } = name;
    public WitPackage Package { get; } = package;
    public OrderedDictionary<string, WitTypeDef> Types { get; } = new(StringComparer.Ordinal);
    public OrderedDictionary<string, WitFunction> Functions { get; } = new(StringComparer.Ordinal);
    public string? Docs { get; set; }
    public WitStability Stability { get; set; } = WitStability.Unknown;

    /// <summary><c>ns:pkg/name@version</c> for a named interface.</summary>
    public string? Id => Name is null ? null : Package.Name.IdOf(Name);

    /// <summary>The other interfaces whose types this one uses, in first-use order.</summary>
    public IEnumerable<WitInterface> Dependencies()
    {
        var seen = new HashSet<WitInterface>();
        foreach (var t in Types.Values)
            if (t.Kind is WitAliasKind { Target.Def: { Owner: WitInterface other } } && other != this && seen.Add(other))
                yield return other;
    }

    public override string ToString() => Id ?? "<anonymous interface>";
}
