using Kiln.Component.Wit.Model;
using Kiln.Component.Wit.Syntax;

namespace Kiln.Component.Wit.Resolution;

/// <summary>
/// Resolves parsed packages into a <see cref="WitResolve"/>: packages in dependency order (a missing package or a
/// cycle between packages is an error at the reference), then per package every name: top-level <c>use</c>s,
/// interfaces (their <c>use</c>s first, so interfaces are resolved on demand and a cycle among them is reported),
/// type declarations (topologically sorted, self-reference reported), resource functions desugared, worlds with
/// <c>include</c> (renames through <c>with</c>) and elaborated transitive imports. Items behind a disabled
/// <c>@unstable</c> feature are left out.
/// </summary>
public sealed partial class WitResolver
{
    private readonly WitResolve _resolve = new();
    private readonly WitFeatures _features;
    private readonly Dictionary<WitSourcePackage, WitPackage> _done = new(ReferenceEqualityComparer.Instance);
    private readonly List<WitSourcePackage> _sources;

    private WitResolver(List<WitSourcePackage> sources, WitFeatures features)
    {
        _sources = sources;
        _features = features;
    }

    /// <summary>Resolves <paramref name="packages"/>; <paramref name="main"/> (one of them) becomes <see cref="WitResolve.Main"/>.</summary>
    public static WitResolve Resolve(IReadOnlyList<WitSourcePackage> packages, WitSourcePackage? main, WitFeatures? features = null)
    {
        var r = new WitResolver([.. packages], features ?? WitFeatures.None);
        r.CheckDistinct();
        var visiting = new HashSet<WitSourcePackage>(ReferenceEqualityComparer.Instance);
        foreach (var p in packages) r.ResolvePackage(p, visiting, null);
        if (main is not null) r._resolve.Main = r._done[main];
        else if (packages.Count > 0) r._resolve.Main = r._done[packages[^1]];
        return r._resolve;
    }

    private void CheckDistinct()
    {
        var seen = new Dictionary<string, WitSourcePackage>(StringComparer.Ordinal);
        foreach (var p in _sources)
            if (!seen.TryAdd(p.Name.Name.ToString(), p))
                throw new WitException(WitErrorKind.Duplicate, $"package `{p.Name.Name}` is defined more than once", p.Name.At);
    }

    /// <summary>The source package a path names: the same version, or the only version when the path gives none.</summary>
    private WitSourcePackage FindSource(PackageNameSyntax name)
    {
        WitSourcePackage? only = null;
        int candidates = 0;
        foreach (var s in _sources)
        {
            var n = s.Name.Name;
            if (n.Namespace != name.Name.Namespace || n.Name != name.Name.Name) continue;
            if (Equals(n.Version, name.Name.Version)) return s;
            candidates++;
            only = s;
        }
        if (name.Name.Version is null && candidates == 1) return only!;
        string versions = candidates > 0 ? $" (versions found: {string.Join(", ", VersionsOf(name.Name))})" : "";
        throw new WitException(WitErrorKind.MissingPackage, $"package `{name.Name}` not found{versions}", name.At);
    }

    private IEnumerable<string> VersionsOf(WitPackageName name)
    {
        foreach (var s in _sources)
            if (s.Name.Name.Namespace == name.Namespace && s.Name.Name.Name == name.Name)
                yield return s.Name.Name.Version?.ToString() ?? "none";
    }

    private WitPackage ResolvePackage(WitSourcePackage source, HashSet<WitSourcePackage> visiting, UsePathSyntax? from)
    {
        if (_done.TryGetValue(source, out var done)) return done;
        if (!visiting.Add(source))
            throw new WitException(WitErrorKind.Cycle, $"package `{source.Name.Name}` depends on itself", from?.At ?? source.Name.At);
        foreach (var path in source.ForeignPaths())
        {
            var dep = FindSource(path.Package!);
            if (dep != source) ResolvePackage(dep, visiting, path);
        }
        visiting.Remove(source);
        var pkg = new PackageResolver(this, source).Run();
        _done[source] = pkg;
        _resolve.Packages.Add(pkg);
        return pkg;
    }

    /// <summary>The interface <paramref name="path"/> names in another package (already resolved).</summary>
    private WitInterface ForeignInterface(UsePathSyntax path)
    {
        var pkg = _done[FindSource(path.Package!)];
        return pkg.Interfaces.TryGetValue(path.Interface, out var i) ? i
            : throw new WitException(WitErrorKind.UnknownName, $"interface `{path.Interface}` not found in package `{pkg.Name}`", path.At);
    }

    private WitWorld ForeignWorld(UsePathSyntax path)
    {
        var pkg = _done[FindSource(path.Package!)];
        return pkg.Worlds.TryGetValue(path.Interface, out var w) ? w
            : throw new WitException(WitErrorKind.UnknownName, $"world `{path.Interface}` not found in package `{pkg.Name}`", path.At);
    }
}
