using Kiln.Component.Wit.Model;
using Kiln.Component.Wit.Syntax;

namespace Kiln.Component.Wit.Resolution;

public sealed partial class WitResolver
{
    /// <summary>Resolves the items of one package; interfaces and worlds on demand, so order in the source is free.</summary>
    private sealed partial class PackageResolver
    {
        private readonly WitResolver _outer;
        private readonly WitSourcePackage _source;
        private readonly WitPackage _pkg;
        private readonly Dictionary<string, (InterfaceSyntax Syntax, string File)> _interfaces = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (WorldSyntax Syntax, string File)> _worlds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, UsePathSyntax>> _fileUses = new(StringComparer.Ordinal);
        private readonly Dictionary<string, WitInterface> _resolvedInterfaces = new(StringComparer.Ordinal);
        private readonly Dictionary<string, WitWorld> _resolvedWorlds = new(StringComparer.Ordinal);
        private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

        public PackageResolver(WitResolver outer, WitSourcePackage source)
        {
            _outer = outer;
            _source = source;
            _pkg = new WitPackage(source.Name.Name) { Docs = source.Docs };
        }

        private bool Enabled(GateSyntax g) => _outer._features.Includes(g.Stability);

        public WitPackage Run()
        {
            var declaredAt = new Dictionary<string, WitLocation>(StringComparer.Ordinal);
            foreach (var (file, items) in _source.Files)
                foreach (var item in items)
                {
                    if (item is InterfaceSyntax i && !Enabled(i.Gate)) continue;
                    if (item is WorldSyntax w0 && !Enabled(w0.Gate)) continue;
                    if (item is TopLevelUseSyntax) continue;
                    if (!declaredAt.TryAdd(item.Name, item.At))
                        throw new WitException(WitErrorKind.Duplicate, $"duplicate item named `{item.Name}`", item.At);
                    if (item is InterfaceSyntax iface) _interfaces[item.Name] = (iface, file);
                    else if (item is WorldSyntax world) _worlds[item.Name] = (world, file);
                }
            foreach (var (file, items) in _source.Files)
            {
                var uses = new Dictionary<string, UsePathSyntax>(StringComparer.Ordinal);
                foreach (var item in items)
                    if (item is TopLevelUseSyntax u)
                    {
                        if (declaredAt.ContainsKey(u.Name) || !uses.TryAdd(u.Name, u.Path))
                            throw new WitException(WitErrorKind.Duplicate, $"name `{u.Name}` is defined more than once", u.At);
                        InterfaceOf(u.Path, file); // reported here when unknown, even if unused
                    }
                _fileUses[file] = uses;
            }
            CheckGatesNeedVersion();
            // Source order decides the order of interfaces and worlds in the package (the printer's order).
            foreach (var (file, items) in _source.Files)
                foreach (var item in items)
                {
                    if (item is InterfaceSyntax i && _interfaces.ContainsKey(i.Name)) Interface(i.Name, i.At);
                    else if (item is WorldSyntax w && _worlds.ContainsKey(w.Name)) World(w.Name, w.At);
                }
            foreach (var (file, items) in _source.Files)
                foreach (var item in items)
                {
                    if (item is InterfaceSyntax i && _resolvedInterfaces.TryGetValue(i.Name, out var ri)) _pkg.Interfaces[i.Name] = ri;
                    else if (item is WorldSyntax w && _resolvedWorlds.TryGetValue(w.Name, out var rw)) _pkg.Worlds[w.Name] = rw;
                }
            return _pkg;
        }

        private void CheckGatesNeedVersion()
        {
            if (_pkg.Name.Version is not null) return;
            foreach (var (_, items) in _source.Files)
                foreach (var item in items)
                {
                    var gate = item switch { InterfaceSyntax i => i.Gate, WorldSyntax w => w.Gate, _ => GateSyntax.None };
                    if (gate.Stability.Since is not null)
                        throw new WitException(WitErrorKind.Invalid,
                            $"package `{_pkg.Name}` has no version, so its items cannot be `@since` a version", gate.At!.Value);
                }
        }

        /// <summary>The interface a use path names, from <paramref name="file"/>'s point of view.</summary>
        private WitInterface InterfaceOf(UsePathSyntax path, string file)
        {
            if (path.Package is not null)
            {
                var target = _outer.FindSource(path.Package);
                return target == _source
                    ? Interface(path.Interface, path.At)
                    : _outer.ForeignInterface(path);
            }
            if (_fileUses.TryGetValue(file, out var uses) && uses.TryGetValue(path.Interface, out var aliased))
                return InterfaceOf(aliased, file);
            if (_interfaces.ContainsKey(path.Interface)) return Interface(path.Interface, path.At);
            throw new WitException(WitErrorKind.UnknownName,
                _worlds.ContainsKey(path.Interface) ? $"name `{path.Interface}` is a world, not an interface" : $"interface or world `{path.Interface}` does not exist",
                path.At);
        }

        private WitWorld WorldOf(UsePathSyntax path, string file)
        {
            if (path.Package is not null)
            {
                var target = _outer.FindSource(path.Package);
                return target == _source ? World(path.Interface, path.At) : _outer.ForeignWorld(path);
            }
            if (_worlds.ContainsKey(path.Interface)) return World(path.Interface, path.At);
            throw new WitException(WitErrorKind.UnknownName,
                _interfaces.ContainsKey(path.Interface) ? $"name `{path.Interface}` is an interface, not a world" : $"world `{path.Interface}` does not exist",
                path.At);
        }

        private WitInterface Interface(string name, WitLocation from)
        {
            if (_resolvedInterfaces.TryGetValue(name, out var done)) return done;
            if (!_interfaces.TryGetValue(name, out var src))
                throw new WitException(WitErrorKind.UnknownName, $"interface `{name}` not found in package `{_pkg.Name}`", from);
            if (!_inProgress.Add("i:" + name))
                throw new WitException(WitErrorKind.Cycle, $"interface `{name}` depends on itself", from);
            var iface = new WitInterface(name, _pkg) { Docs = src.Syntax.Docs, Stability = src.Syntax.Gate.Stability };
            FillInterface(iface, src.Syntax.Items, src.File);
            _inProgress.Remove("i:" + name);
            _resolvedInterfaces[name] = iface;
            return iface;
        }

        private WitWorld World(string name, WitLocation from)
        {
            if (_resolvedWorlds.TryGetValue(name, out var done)) return done;
            if (!_worlds.TryGetValue(name, out var src))
                throw new WitException(WitErrorKind.UnknownName, $"world `{name}` not found in package `{_pkg.Name}`", from);
            if (!_inProgress.Add("w:" + name))
                throw new WitException(WitErrorKind.Cycle, $"world `{name}` includes itself", from);
            var world = new WitWorld(name, _pkg) { Docs = src.Syntax.Docs, Stability = src.Syntax.Gate.Stability };
            FillWorld(world, src.Syntax, src.File);
            _inProgress.Remove("w:" + name);
            _resolvedWorlds[name] = world;
            return world;
        }
    }
}
