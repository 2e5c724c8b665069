using Kiln.Component.Wit.Model;
using Kiln.Component.Wit.Syntax;

namespace Kiln.Component.Wit.Resolution;

public sealed partial class WitResolver
{
    private sealed partial class PackageResolver
    {
        /// <summary>Resolves a world: its own items, then <c>include</c>s, then the elaboration of transitive imports.</summary>
        private void FillWorld(WitWorld world, WorldSyntax syntax, string file)
        {
            var scope = new TypeScope(world);
            var typeItems = syntax.Items.OfType<WorldTypeItemSyntax>().Where(i => Enabled(i.Gate)).Select(i => i.Item).ToList();
            ResolveTypes(scope, typeItems, file, null);
            var imports = new OrderedDictionary<WitWorldKey, WitWorldItem>();
            var exports = new OrderedDictionary<WitWorldKey, WitWorldItem>();
            var namesAt = new Dictionary<string, WitLocation>(StringComparer.Ordinal);
            foreach (var n in scope.Defs.Keys) namesAt[n] = scope.At[n];
            // Items keep their source order; types were resolved above (they may be used before they are declared).
            foreach (var item in syntax.Items)
            {
                if (!Enabled(item.Gate)) continue;
                switch (item)
                {
                    case ExternSyntax e:
                        AddExtern(world, e, file, scope, e.IsImport ? imports : exports, namesAt);
                        break;
                    case WorldTypeItemSyntax { Item: UseSyntax u }:
                        foreach (var n in u.Names) AddType(n.As ?? n.Name);
                        break;
                    case WorldTypeItemSyntax { Item: TypeDeclSyntax { Body: ResourceBody rb } r }:
                        AddType(r.Name);
                        var funcs = new OrderedDictionary<string, WitFunction>(StringComparer.Ordinal);
                        AddResourceFunctions(funcs, r, rb, scope);
                        foreach (var (n, f) in funcs)
                            imports.Add(WitWorldKey.Named(n), new WitFunctionItem(f) { Docs = f.Docs, Stability = f.Stability });
                        break;
                    case WorldTypeItemSyntax { Item: TypeDeclSyntax d }:
                        AddType(d.Name);
                        break;
                }
            }

            void AddType(string n)
            {
                var d = scope.Defs[n];
                imports.Add(WitWorldKey.Named(n), new WitTypeItem(d) { Docs = d.Docs, Stability = d.Stability });
            }
            foreach (var item in syntax.Items)
                if (item is IncludeSyntax inc && Enabled(inc.Gate))
                    Include(inc, file, imports, exports);
            Elaborate(world, imports, exports);
        }

        private void AddExtern(WitWorld world, ExternSyntax e, string file, TypeScope scope,
            OrderedDictionary<WitWorldKey, WitWorldItem> into, Dictionary<string, WitLocation> namesAt)
        {
            WitWorldKey key;
            WitWorldItem item;
            if (e.Name is null)
            {
                var iface = InterfaceOf(e.Path!, file);
                key = WitWorldKey.Of(iface);
                item = new WitInterfaceItem(iface);
            }
            else
            {
                key = WitWorldKey.Named(e.Name);
                if (e.Func is not null)
                    item = new WitFunctionItem(Function(e.Name, WitFunctionKind.Freestanding, null, e.Func, scope, e.Docs, e.Gate));
                else if (e.Inline is not null)
                {
                    var iface = new WitInterface(null, _pkg) { Docs = e.Docs, Stability = e.Gate.Stability };
                    FillInterface(iface, e.Inline, file);
                    item = new WitInterfaceItem(iface);
                }
                else item = new WitInterfaceItem(InterfaceOf(e.Path!, file));
                if (into.ContainsKey(key) || (namesAt.ContainsKey(e.Name) && into.ContainsKey(WitWorldKey.Named(e.Name))))
                    throw new WitException(WitErrorKind.Duplicate, $"{(e.IsImport ? "import" : "export")} `{e.Name}` is defined more than once", e.At);
                if (e.IsImport && namesAt.ContainsKey(e.Name))
                    throw new WitException(WitErrorKind.Duplicate, $"import `{e.Name}` conflicts with a type of the same name", e.At);
            }
            if (into.ContainsKey(key))
                throw new WitException(WitErrorKind.Duplicate, $"{(e.IsImport ? "import" : "export")} `{key}` is defined more than once", e.At);
            item.Docs = e.Docs;
            item.Stability = e.Gate.Stability;
            into.Add(key, item);
        }

        /// <summary>Merges an included world: named items renamed by <c>with</c>, interfaces merged by identity.</summary>
        private void Include(IncludeSyntax inc, string file, OrderedDictionary<WitWorldKey, WitWorldItem> imports,
            OrderedDictionary<WitWorldKey, WitWorldItem> exports)
        {
            var other = WorldOf(inc.World, file);
            var renames = new Dictionary<string, string>(StringComparer.Ordinal);
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var w in inc.With)
            {
                if (!renames.TryAdd(w.Name, w.As))
                    throw new WitException(WitErrorKind.Duplicate, $"`{w.Name}` is renamed more than once", w.At);
            }
            Merge(other.Imports, imports, "import");
            Merge(other.Exports, exports, "export");
            foreach (var w in inc.With)
                if (!used.Contains(w.Name))
                    throw new WitException(WitErrorKind.UnknownName, $"`{w.Name}` is not an import or export of world `{other.Name}`", w.At);

            void Merge(OrderedDictionary<WitWorldKey, WitWorldItem> from, OrderedDictionary<WitWorldKey, WitWorldItem> into, string what)
            {
                foreach (var (k, v) in from)
                {
                    if (k.Name is { } n)
                    {
                        if (renames.TryGetValue(n, out var to)) { used.Add(n); n = to; }
                        var nk = WitWorldKey.Named(n);
                        if (into.TryGetValue(nk, out var existing))
                        {
                            if (existing == v) continue;
                            throw new WitException(WitErrorKind.Duplicate,
                                $"{what} `{n}` of world `{other.Name}` conflicts with an existing {what}: rename it with `with {{ {n} as … }}`", inc.At);
                        }
                        into.Add(nk, v);
                    }
                    else into.TryAdd(k, v);
                }
            }
        }

        /// <summary>
        /// Adds the interfaces that imported and exported items need: an interface whose types another one uses is
        /// imported before it; an exported interface's dependencies are imported unless exported themselves (as wit-parser
        /// elaborates worlds).
        /// </summary>
        private static void Elaborate(WitWorld world, OrderedDictionary<WitWorldKey, WitWorldItem> imports,
            OrderedDictionary<WitWorldKey, WitWorldItem> exports)
        {
            foreach (var (k, v) in imports)
            {
                switch (v)
                {
                    case WitInterfaceItem ii: AddDeps(ii.Interface); break;
                    case WitTypeItem { Type.Kind: WitAliasKind { Target.Def.Owner: WitInterface owner } }: AddWithDeps(owner); break;
                }
                world.Imports.TryAdd(k, v);
            }
            var exported = new HashSet<WitInterface>();
            foreach (var (k, v) in exports)
                if (v is WitInterfaceItem ii) exported.Add(ii.Interface);
            foreach (var (_, v) in exports)
                if (v is WitInterfaceItem ii)
                    foreach (var dep in ii.Interface.Dependencies())
                        if (!exported.Contains(dep)) AddWithDeps(dep);
            // wit-parser's order: exported functions first, then interfaces (which then encode in that order).
            foreach (var (k, v) in exports) if (v is not WitInterfaceItem) world.Exports.Add(k, v);
            foreach (var (k, v) in exports) if (v is WitInterfaceItem) world.Exports.Add(k, v);

            void AddDeps(WitInterface iface)
            {
                foreach (var dep in iface.Dependencies()) AddWithDeps(dep);
            }

            void AddWithDeps(WitInterface iface)
            {
                if (world.Imports.ContainsKey(WitWorldKey.Of(iface))) return;
                AddDeps(iface);
                world.Imports.TryAdd(WitWorldKey.Of(iface), new WitInterfaceItem(iface));
            }
        }
    }
}
