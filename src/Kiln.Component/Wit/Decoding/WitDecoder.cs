using Kiln.Component.Model;
using Kiln.Component.Validation;
using Kiln.Component.Validation.Types;
using Kiln.Component.Wit.Model;

namespace Kiln.Component.Wit.Decoding;

/// <summary>
/// Reads WIT back from a component, over the types Kiln's validator resolves (as wit-parser's decoder reads
/// wasmparser's): a WIT package encoded as a component (every export a component type exporting one interface
/// instance or world component under its id) becomes that package with the foreign interfaces it imports; any other
/// component becomes the world <c>root</c> of package <c>root:component</c> with its imports and exports. Type
/// identities follow the validator's: a type exported by an instance is named there, and an <c>(eq …)</c> of a type
/// named elsewhere is a <c>use</c> of it.
/// </summary>
public sealed class WitDecoder
{
    private readonly TypeArena _arena;
    private readonly WitResolve _resolve = new();
    private readonly Dictionary<string, WitPackage> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<TypeId, WitTypeDef> _types = [];

    private WitDecoder(TypeArena arena) => _arena = arena;

    /// <summary>Validates <paramref name="component"/> and decodes its WIT.</summary>
    public static WitResolve Decode(WasmComponent component)
    {
        var v = ComponentValidator.ValidateDetailed(component);
        var d = new WitDecoder(v.Types);
        var type = v.Type;
        if (IsPackage(v.Types, type)) d.DecodePackage(type);
        else d.DecodeRootWorld(type);
        return d._resolve;
    }

    public static WitResolve Decode(byte[] bytes) => Decode(Binary.ComponentDecoder.Decode(bytes));

    /// <summary>A WIT package: only type exports, each a component type exporting exactly one id-named instance or component.</summary>
    private static bool IsPackage(TypeArena arena, ComponentTypeData type)
    {
        if (type.Imports.Count > 0 || type.Exports.Count == 0) return false;
        foreach (var (_, e) in type.Exports)
        {
            if (e.Kind != EntityKind.Type || e.Referenced.Kind != TypeKind.Component) return false;
            var c = arena.Component(e.Referenced);
            if (c.Exports.Count != 1) return false;
            var (id, inner) = (c.Exports.GetAt(0).Key, c.Exports.GetAt(0).Value);
            if (inner.Kind is not (EntityKind.Instance or EntityKind.Component) || ParseId(id) is null) return false;
        }
        return true;
    }

    private void DecodePackage(ComponentTypeData type)
    {
        WitPackage? main = null;
        foreach (var (_, e) in type.Exports)
        {
            var c = _arena.Component(e.Referenced);
            var (id, inner) = (c.Exports.GetAt(0).Key, c.Exports.GetAt(0).Value);
            var (pkgName, item) = ParseId(id)!.Value;
            var pkg = Package(pkgName);
            main ??= pkg;
            if (inner.Kind == EntityKind.Instance)
            {
                foreach (var (iname, ie) in c.Imports)
                    if (ie.Kind == EntityKind.Instance && ParseId(iname) is { } dep)
                        Interface(Package(dep.Package), dep.Item, _arena.Instance(ie.Id));
                Interface(pkg, item, _arena.Instance(inner.Id));
            }
            else
            {
                var world = new WitWorld(item, pkg);
                DecodeWorld(world, _arena.Component(inner.Id));
                pkg.Worlds[item] = world;
            }
        }
        // An interface imported by an earlier export was decoded first; the package lists them in export order.
        var order = type.Exports.Values.Select(e => ParseId(_arena.Component(e.Referenced).Exports.GetAt(0).Key)!.Value)
            .Where(x => x.Package.Equals(main!.Name)).Select(x => x.Item).ToList();
        var reordered = main!.Interfaces.OrderBy(kv => order.IndexOf(kv.Key) is var i && i < 0 ? int.MaxValue : i).ToList();
        main.Interfaces.Clear();
        foreach (var (k, v) in reordered) main.Interfaces[k] = v;
        Finish(main);
    }

    private void DecodeRootWorld(ComponentTypeData type)
    {
        var pkg = Package(new WitPackageName("root", "component", null));
        var world = new WitWorld("root", pkg);
        DecodeWorld(world, type);
        pkg.Worlds["root"] = world;
        Finish(pkg);
    }

    /// <summary>Orders packages as wit-parser does for printing: the main package, then the others in first-seen order.</summary>
    private void Finish(WitPackage main)
    {
        foreach (var p in _packages.Values)
            if (p != main) _resolve.Packages.Add(p);
        _resolve.Packages.Add(main);
        _resolve.Main = main;
    }

    private WitPackage Package(WitPackageName name)
    {
        string key = name.ToString();
        if (!_packages.TryGetValue(key, out var p)) _packages[key] = p = new WitPackage(name);
        return p;
    }

    /// <summary><c>ns:pkg/item@version</c>, or null for a plain name.</summary>
    public static (WitPackageName Package, string Item)? ParseId(string id)
    {
        int colon = id.IndexOf(':');
        int slash = id.IndexOf('/');
        if (colon <= 0 || slash < colon) return null;
        string ns = id[..colon], pkg = id[(colon + 1)..slash], rest = id[(slash + 1)..];
        WitVersion? version = null;
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            version = WitVersion.TryParse(rest[(at + 1)..]);
            if (version is null) return null;
            rest = rest[..at];
        }
        return (new WitPackageName(ns, pkg, version), rest);
    }

    // ---- worlds ----

    private void DecodeWorld(WitWorld world, ComponentTypeData type)
    {
        foreach (var (name, e) in type.Imports)
            AddWorldItem(world, world.Imports, name, e);
        foreach (var (name, e) in type.Exports)
            AddWorldItem(world, world.Exports, name, e);
    }

    private void AddWorldItem(WitWorld world, OrderedDictionary<WitWorldKey, WitWorldItem> into, string name, EntityType e)
    {
        switch (e.Kind)
        {
            case EntityKind.Instance:
                if (ParseId(name) is { } id)
                {
                    var iface = Interface(Package(id.Package), id.Item, _arena.Instance(e.Id));
                    into[WitWorldKey.Of(iface)] = new WitInterfaceItem(iface);
                }
                else
                {
                    var iface = new WitInterface(null, world.Package);
                    FillInterface(iface, _arena.Instance(e.Id));
                    into[WitWorldKey.Named(name)] = new WitInterfaceItem(iface);
                }
                break;
            case EntityKind.Func:
                var f = Function(name, _arena.Func(e.Id), n => FindWorldType(world, n));
                into[WitWorldKey.Named(name)] = new WitFunctionItem(f);
                break;
            case EntityKind.Type:
                var def = TypeExport(name, e, world);
                into[WitWorldKey.Named(name)] = new WitTypeItem(def);
                break;
            default:
                throw new WitException(WitErrorKind.Decode, $"`{name}`: a {e.Describe()} import or export has no WIT form");
        }
    }

    private static WitTypeDef? FindWorldType(WitWorld world, string name) =>
        world.Imports.TryGetValue(WitWorldKey.Named(name), out var item) && item is WitTypeItem t ? t.Type : null;

    // ---- interfaces ----

    /// <summary>The interface <paramref name="name"/> of <paramref name="pkg"/>, decoded from (or, when already known,
    /// matched with) an instance type: every copy's type identities map to the one interface's definitions.</summary>
    private WitInterface Interface(WitPackage pkg, string name, InstanceTypeData inst)
    {
        if (!pkg.Interfaces.TryGetValue(name, out var iface))
        {
            iface = new WitInterface(name, pkg);
            pkg.Interfaces[name] = iface;
        }
        FillInterface(iface, inst);
        return iface;
    }

    private void FillInterface(WitInterface iface, InstanceTypeData inst)
    {
        foreach (var (name, e) in inst.Exports)
        {
            if (e.Kind != EntityKind.Type) continue;
            if (iface.Types.TryGetValue(name, out var existing))
            {
                _types.TryAdd(e.Id, existing);
                if (!e.Id.IsResource) _types.TryAdd(e.Referenced, existing);
                continue;
            }
            iface.Types[name] = TypeExport(name, e, iface);
        }
        foreach (var (name, e) in inst.Exports)
        {
            if (e.Kind != EntityKind.Func || iface.Functions.ContainsKey(name)) continue;
            iface.Functions[name] = Function(name, _arena.Func(e.Id), n => iface.Types.GetValueOrDefault(n));
        }
    }

    /// <summary>A named type: a resource, a <c>use</c>/alias of a type named elsewhere, or a definition named here.</summary>
    private WitTypeDef TypeExport(string name, EntityType e, object owner)
    {
        WitTypeDef def;
        if (e.Id.IsResource && e.Referenced == e.Id)
        {
            def = new WitTypeDef(name, new WitResourceKind()) { Owner = owner };
        }
        else if (Lookup(e.Referenced) is { Name: not null } named)
        {
            def = new WitTypeDef(name, new WitAliasKind(WitType.Of(named))) { Owner = owner };
        }
        else if (e.Referenced.Kind == TypeKind.Defined)
        {
            var d = _arena.Defined(e.Referenced);
            def = new WitTypeDef(name, d.Kind == DefinedKind.Primitive
                ? new WitAliasKind(WitType.Of(WitType.FromComponent(d.Primitive)))
                : KindOf(d)) { Owner = owner };
            _types[e.Referenced] = def;
        }
        else throw new WitException(WitErrorKind.Decode, $"type `{name}` is a {e.Referenced.Describe()}, which WIT cannot name");
        _types[e.Id] = def;
        return def;
    }

    private WitTypeDef? Lookup(TypeId id) =>
        _types.TryGetValue(id, out var d) ? d : id.Alias != 0 && _types.TryGetValue(id with { Alias = 0 }, out d) ? d : null;

    private WitFunction Function(string name, FuncTypeData f, Func<string, WitTypeDef?> resourceNamed)
    {
        var (kind, resName, plain) = WitFunction.ParseExternName(name);
        WitTypeDef? res = null;
        if (resName is not null)
        {
            res = resourceNamed(resName);
            if (res?.Underlying().Kind is not WitResourceKind) { kind = WitFunctionKind.Freestanding; plain = name; res = null; }
        }
        var fn = new WitFunction(plain, kind, res, f.Async);
        for (int i = 0; i < f.ParamNames.Length; i++) fn.Params.Add(new WitField(f.ParamNames[i], Val(f.ParamTypes[i])));
        if (f.Result is { } r) fn.Result = Val(r);
        return fn;
    }

    // ---- value types ----

    private WitType Val(ResolvedValType t)
    {
        if (t.IsPrimitive) return WitType.Of(WitType.FromComponent(t.Primitive));
        if (Lookup(t.Type) is { } known) return WitType.Of(known);
        var d = _arena.Defined(t.Type);
        if (d.Kind == DefinedKind.Primitive) return WitType.Of(WitType.FromComponent(d.Primitive));
        var def = new WitTypeDef(null, KindOf(d));
        _types[t.Type] = def;
        return WitType.Of(def);
    }

    private WitType? OptVal(ResolvedValType? t) => t is { } v ? Val(v) : null;

    private WitTypeDefKind KindOf(DefinedTypeData d) => d.Kind switch
    {
        DefinedKind.Record => new WitRecordKind([.. d.Names.Select((n, i) => new WitField(n, Val(d.Types[i]!.Value)))]),
        DefinedKind.Variant => new WitVariantKind([.. d.Names.Select((n, i) => new WitCase(n, OptVal(d.Types[i])))]),
        DefinedKind.Enum => new WitEnumKind([.. d.Names.Select(n => new WitCase(n, null))]),
        DefinedKind.Flags => new WitFlagsKind([.. d.Names.Select(n => new WitCase(n, null))]),
        DefinedKind.Tuple => new WitTupleKind([.. d.Types.Select(t => Val(t!.Value))]),
        DefinedKind.List => new WitListKind(Val(d.Types[0]!.Value)),
        DefinedKind.FixedList => new WitFixedListKind(Val(d.Types[0]!.Value), d.Length),
        DefinedKind.Map => new WitMapKind(Val(d.Types[0]!.Value), Val(d.Types[1]!.Value)),
        DefinedKind.Option => new WitOptionKind(Val(d.Types[0]!.Value)),
        DefinedKind.Result => new WitResultKind(OptVal(d.Types[0]), OptVal(d.Types[1])),
        DefinedKind.Future => new WitFutureKind(d.Types.Length > 0 ? OptVal(d.Types[0]) : null),
        DefinedKind.Stream => new WitStreamKind(d.Types.Length > 0 ? OptVal(d.Types[0]) : null),
        DefinedKind.Own or DefinedKind.Borrow => new WitHandleKind(d.Kind == DefinedKind.Borrow,
            Lookup(d.Resource) ?? throw new WitException(WitErrorKind.Decode, "a handle to a resource that no import or export names")),
        _ => throw new WitException(WitErrorKind.Decode, $"a {d.Describe()} type has no WIT form"),
    };
}
