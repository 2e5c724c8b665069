using Kiln.Component.Wit.Model;
using Kiln.Component.Wit.Parsing;
using Kiln.Component.Wit.Syntax;

namespace Kiln.Component.Wit.Resolution;

/// <summary>
/// Finds WIT on disk or in memory and resolves it (WIT.md "Filesystem structure"): a <c>.wit</c> file is a package
/// (plus any nested <c>package … { }</c> blocks); a directory is one package made of all its <c>.wit</c> files (which
/// must agree on the package name), with foreign packages in <c>deps/</c>: each entry a directory (a package) or a
/// <c>.wit</c> file. Files are read in name order so results do not depend on the file system.
/// </summary>
public static class WitPackageLoader
{
    /// <summary>Parses and resolves WIT text (one file, nested packages allowed).</summary>
    public static WitResolve ParseText(string text, string file = "<input>", WitFeatures? features = null)
    {
        var packages = new List<WitSourcePackage>();
        var main = AddFile(packages, WitParser.Parse(text, file), null);
        return WitResolver.Resolve(packages, main, features);
    }

    /// <summary>Loads a <c>.wit</c> file or a package directory (with its <c>deps/</c>) and resolves it.</summary>
    public static WitResolve Load(string path, WitFeatures? features = null)
    {
        var packages = new List<WitSourcePackage>();
        WitSourcePackage? main;
        if (Directory.Exists(path))
        {
            string deps = Path.Combine(path, "deps");
            if (Directory.Exists(deps))
                foreach (var entry in Directory.EnumerateFileSystemEntries(deps).Order(StringComparer.Ordinal))
                {
                    if (Directory.Exists(entry)) AddDirectory(packages, entry);
                    else if (entry.EndsWith(".wit", StringComparison.Ordinal)) AddFile(packages, ParseFile(entry), null);
                }
            main = AddDirectory(packages, path);
        }
        else
        {
            main = AddFile(packages, ParseFile(path), null);
        }
        return WitResolver.Resolve(packages, main, features);
    }

    private static WitFileSyntax ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WitException(WitErrorKind.Io, $"failed to read `{path}`: {e.Message}", null, e);
        }
        return WitParser.Parse(text, path);
    }

    /// <summary>All <c>.wit</c> files of a directory as one package; returns it (null when it has no items).</summary>
    private static WitSourcePackage? AddDirectory(List<WitSourcePackage> packages, string dir)
    {
        var files = Directory.EnumerateFiles(dir, "*.wit").Order(StringComparer.Ordinal).Select(ParseFile).ToList();
        if (files.Count == 0)
            throw new WitException(WitErrorKind.Io, $"directory `{dir}` contains no `.wit` files");
        PackageNameSyntax? name = null;
        string? docs = null;
        foreach (var f in files)
        {
            if (f.Package is null) continue;
            if (name is not null && name.Name != f.Package.Name)
                throw new WitException(
                    name.Name.Unversioned == f.Package.Name.Unversioned ? WitErrorKind.BadVersion : WitErrorKind.Invalid,
                    $"package identifier `{f.Package.Name}` does not match previous package name of `{name.Name}`", f.Package.At);
            name ??= f.Package;
            docs ??= f.PackageDocs;
        }
        if (name is null)
        {
            if (files.All(f => f.Items.Count == 0))
            {
                foreach (var f in files) AddFile(packages, f, null);
                return packages.Count > 0 ? packages[^1] : null;
            }
            throw new WitException(WitErrorKind.Syntax, "no `package` header was found in any WIT file of the directory",
                new WitLocation(files[0].Path, 1, 1));
        }
        var pkg = new WitSourcePackage(name) { Docs = docs };
        foreach (var f in files)
        {
            pkg.Files.Add((f.Path, f.Items));
            AddNested(packages, f);
        }
        packages.Add(pkg);
        return pkg;
    }

    /// <summary>A file's own package (when it has items or a header) and its nested packages.</summary>
    private static WitSourcePackage? AddFile(List<WitSourcePackage> packages, WitFileSyntax f, WitSourcePackage? into)
    {
        AddNested(packages, f);
        if (f.Package is null)
        {
            if (f.Items.Count > 0)
                throw new WitException(WitErrorKind.Syntax, "no `package` header was found in this WIT file",
                    f.Items[0].At);
            return into ?? (packages.Count > 0 ? packages[^1] : null);
        }
        var pkg = new WitSourcePackage(f.Package) { Docs = f.PackageDocs };
        pkg.Files.Add((f.Path, f.Items));
        packages.Add(pkg);
        return pkg;
    }

    private static void AddNested(List<WitSourcePackage> packages, WitFileSyntax f)
    {
        foreach (var n in f.Nested)
        {
            var p = new WitSourcePackage(n.Package) { Docs = n.Docs };
            p.Files.Add((f.Path, n.Items));
            packages.Add(p);
        }
    }
}
