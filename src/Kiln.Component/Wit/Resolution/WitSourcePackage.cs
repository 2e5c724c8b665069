using Kiln.Component.Wit.Syntax;

namespace Kiln.Component.Wit.Resolution;

/// <summary>One package as parsed, before resolution: its name and the top-level items of each file that declares it
/// (a directory's files, or one nested <c>package … { }</c> block).</summary>
public sealed class WitSourcePackage(PackageNameSyntax name)
{
    public PackageNameSyntax Name { get; } = name;
    public string? Docs { get; set; }
    public List<(string File, List<TopLevelItemSyntax> Items)> Files { get; } = [];

    /// <summary>Every foreign package path this package's items mention, with where.</summary>
    public IEnumerable<UsePathSyntax> ForeignPaths()
    {
        foreach (var (_, items) in Files)
            foreach (var item in items)
                foreach (var p in PathsOf(item))
                    if (p.Package is not null) yield return p;
    }

    private static IEnumerable<UsePathSyntax> PathsOf(TopLevelItemSyntax item)
    {
        switch (item)
        {
            case TopLevelUseSyntax u: yield return u.Path; break;
            case InterfaceSyntax i:
                foreach (var p in PathsOf(i.Items)) yield return p;
                break;
            case WorldSyntax w:
                foreach (var wi in w.Items)
                    switch (wi)
                    {
                        case ExternSyntax e:
                            if (e.Path is not null) yield return e.Path;
                            if (e.Inline is not null) foreach (var p in PathsOf(e.Inline)) yield return p;
                            break;
                        case IncludeSyntax inc: yield return inc.World; break;
                        case WorldTypeItemSyntax { Item: UseSyntax u }: yield return u.Path; break;
                    }
                break;
        }
    }

    private static IEnumerable<UsePathSyntax> PathsOf(List<InterfaceItemSyntax> items)
    {
        foreach (var it in items)
            if (it is UseSyntax u) yield return u.Path;
    }
}

/// <summary>Which <c>@unstable</c> features are enabled; items gated on others are left out, as wit-parser does.</summary>
public sealed class WitFeatures
{
    public static readonly WitFeatures None = new();

    public HashSet<string> Enabled { get; } = new(StringComparer.Ordinal);
    public bool All { get; init; }

    public bool Includes(Model.WitStability s) => s.Feature is not { } f || All || Enabled.Contains(f);
}
