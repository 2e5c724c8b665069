using Kiln.Component.Model;
using Kiln.Component.Validation.Names;
using Kiln.Component.Validation.Types;

namespace Kiln.Component.Validation;

// Imports and exports: their types, index-space entries, names, and the rule that everything an
// import or export mentions is itself imported or exported.
public sealed partial class ComponentValidator
{
    private EntityType CheckTypeRef(ExternType t, long offset)
    {
        switch (t.Kind)
        {
            case ExternKind.Module:
            {
                var entry = CoreTypeAt(Current, t.Index, offset);
                return entry.IsModule ? EntityType.OfModule(entry.Module) : throw Error($"core type index {t.Index} is not a module type", offset);
            }
            case ExternKind.Func:
            {
                var id = TypeAt(t.Index, offset);
                return id.Kind == TypeKind.Func ? EntityType.OfFunc(id) : throw Error($"type index {t.Index} is not a function type", offset);
            }
            case ExternKind.Value:
            {
                if (t.Value.IsEq)
                {
                    uint v = t.Value.EqIndex;
                    if (v >= Current.Values.Count) throw Error($"unknown value {v}: value index out of bounds", offset);
                    return EntityType.OfValue(Current.Values[(int)v].Type);
                }
                return EntityType.OfValue(CreateValType(t.Value.Type, offset));
            }
            case ExternKind.Type:
            {
                if (t.Bound.IsSubResource)
                {
                    var r = _types.NewResource();
                    return EntityType.OfType(r, r);
                }
                var referenced = TypeAt(t.Bound.EqIndex, offset);
                return EntityType.OfType(_types.WithUnique(referenced), referenced);
            }
            case ExternKind.Instance:
            {
                var id = TypeAt(t.Index, offset);
                return id.Kind == TypeKind.Instance ? EntityType.OfInstance(id) : throw Error($"type index {t.Index} is not an instance type", offset);
            }
            case ExternKind.Component:
            {
                var id = TypeAt(t.Index, offset);
                return id.Kind == TypeKind.Component ? EntityType.OfComponent(id) : throw Error($"type index {t.Index} is not a component type", offset);
            }
            default:
                throw Error($"invalid leading byte (0x{(byte)t.Kind:x}) for component external kind", offset);
        }
    }

    private void AddImport(ExternName name, ExternType type, long offset)
    {
        var entity = CheckTypeRef(type, offset);
        AddEntity(ref entity, name.Name, isImport: true, offset);
        var s = Current;
        ValidateExtern(name, isImport: true, entity, s.ImportedResourceNames, s.ImportNames, s.Imports, offset);
    }

    private void AddExport(ComponentExport export)
    {
        long offset = export.Offset;
        CheckMax(Current.Exports.Count, 1, MaxExports, "exports", offset);
        var item = export.Item;
        EntityType actual;
        if (item.Sort.IsCore)
        {
            if (item.Sort.Core != CoreSort.Module) throw Error($"invalid leading byte (0x{(byte)item.Sort.Core:x}) for component external kind", offset);
            actual = EntityType.OfModule(ModuleAt(Current, item.Index, offset));
        }
        else actual = item.Sort.Kind switch
        {
            SortKind.Func => EntityType.OfFunc(FunctionAt(item.Index, offset)),
            SortKind.Value => EntityType.OfValue(UseValue(item.Index, offset)),
            SortKind.Type => TypeExport(TypeAt(item.Index, offset)),
            SortKind.Instance => EntityType.OfInstance(InstanceAt(item.Index, offset)),
            SortKind.Component => EntityType.OfComponent(ComponentAt(Current, item.Index, offset)),
            _ => throw Error("invalid export sort", offset),
        };
        if (export.Type is { } ascribed)
        {
            var expected = CheckTypeRef(ascribed, offset);
            WithContext("ascribed type of export is not compatible with item's type", () => _subtyping.Entity(actual, expected, offset));
            actual = expected;
        }
        AddExportEntity(export.Name, actual, offset);
    }

    private EntityType TypeExport(TypeId referenced) => EntityType.OfType(_types.WithUnique(referenced), referenced);

    private void AddExportEntity(ExternName name, EntityType entity, long offset)
    {
        CheckMax(Current.Exports.Count, 1, MaxExports, "exports", offset);
        AddEntity(ref entity, name.Name, isImport: false, offset);
        var s = Current;
        ValidateExtern(name, isImport: false, entity, s.ExportedResourceNames, s.ExportNames, s.Exports, offset);
    }

    /// <summary>
    /// Adds an imported, exported or aliased item to its index space. Instances imported or exported
    /// get fresh resources for the abstract ones their type declares. A named item must mention only
    /// types that are themselves imported (exported).
    /// </summary>
    private void AddEntity(ref EntityType e, string? name, bool isImport, long offset)
    {
        var s = Current;
        switch (e.Kind)
        {
            case EntityKind.Module:
                s.CoreModules.Add(e.Module);
                CheckMax(s.CoreModules.Count, 0, MaxModules, "modules", offset);
                break;
            case EntityKind.Component:
                s.Components.Add(e.Id);
                CheckMax(s.Components.Count, 0, MaxComponents, "components", offset);
                break;
            case EntityKind.Instance:
            {
                var id = e.Id;
                if (name is not null)
                {
                    if (isImport) PrepareInstanceImport(ref id);
                    else PrepareInstanceExport(ref id);
                }
                e = e with { Id = id };
                s.Instances.Add(id);
                CheckMax(s.Instances.Count + s.CoreInstances.Count, 0, MaxInstances, "instances", offset);
                break;
            }
            case EntityKind.Func:
                s.Funcs.Add(e.Id);
                CheckMax(s.Funcs.Count + s.CoreFuncs.Count, 0, MaxFunctions, "functions", offset);
                break;
            case EntityKind.Value:
                s.Values.Add((e.Value, name is not null && !isImport));
                CheckMax(s.Values.Count, 0, MaxValues, "values", offset);
                break;
            case EntityKind.Type:
                s.Types.Add(e.Id);
                if (e.Id.IsResource && name is not null)
                {
                    if (isImport)
                    {
                        if (e.Id == e.Referenced) s.ImportedResources[e.Id.Index] = [s.Imports.Count];
                    }
                    else
                    {
                        if (e.Id == e.Referenced) s.DefinedResources[e.Id.Index] = false;
                        s.ExplicitResources[e.Id.Index] = [s.Exports.Count];
                    }
                }
                CheckMax(s.Types.Count, 0, MaxTypes, "types", offset);
                break;
        }
        if (name is not null && !RegisterNamedTypes(name, isImport, e))
            throw Error($"{e.Describe()} not valid to be used as {(isImport ? "import" : "export")}", offset);
    }

    private bool RegisterNamedTypes(string? name, bool isImport, EntityType e)
    {
        var s = Current;
        if (e.Kind == EntityKind.Type && name is not null && e.Id.IsResource)
            (isImport ? s.ImportedResourceNames : s.ExportedResourceNames).Register(name, e.Id);
        if (s.Kind == ScopeKind.InstanceType) return true;
        var set = isImport ? s.ImportedTypes : s.ExportedTypes;
        switch (e.Kind)
        {
            case EntityKind.Type:
                if (!_types.AnyNamed(e.Referenced, set)) return false;
                if (isImport) s.ImportedTypes.Add(e.Id);
                s.ExportedTypes.Add(e.Id);
                return true;
            case EntityKind.Instance:
                foreach (var export in _types.Instance(e.Id).Exports.Values)
                    if (!RegisterNamedTypes(null, isImport, export)) return false;
                return true;
            case EntityKind.Func: return _types.FuncNamed(e.Id, set);
            case EntityKind.Value: return _types.IsNamed(e.Value, set);
            default: return true;
        }
    }

    /// <summary>An imported instance's abstract resources become fresh type variables of this component.</summary>
    private void PrepareInstanceImport(ref TypeId id)
    {
        var t = _types.Instance(id);
        if (t.DefinedResources.Count == 0) return;
        var s = Current;
        var map = new Remapping();
        foreach (var old in t.DefinedResources)
        {
            int fresh = _types.NewResource().Index;
            map.Resources[old] = fresh;
            s.ImportedResources[fresh] = [s.Imports.Count, .. t.ExplicitResources[old]];
        }
        id = _types.Push(Freshened(t, map));
    }

    /// <summary>An exported instance of a declared type gets fresh resources, now defined by this component;
    /// its named resources become this component's explicit exports.</summary>
    private void PrepareInstanceExport(ref TypeId id)
    {
        var t = _types.Instance(id);
        var s = Current;
        if (t.DefinedResources.Count > 0)
        {
            var map = new Remapping();
            foreach (var old in t.DefinedResources)
            {
                int fresh = _types.NewResource().Index;
                map.Resources[old] = fresh;
                s.DefinedResources[fresh] = false;
            }
            id = _types.Push(Freshened(t, map));
        }
        foreach (var (res, path) in _types.Instance(id).ExplicitResources)
            s.ExplicitResources[res] = [s.Exports.Count, .. path];
    }

    private InstanceTypeData Freshened(InstanceTypeData t, Remapping map)
    {
        var copy = new InstanceTypeData { Info = t.Info };
        foreach (var (name, e) in t.Exports)
        {
            var x = e;
            _types.Remap(ref x, map);
            copy.Exports.Add(name, x);
        }
        foreach (var (res, path) in t.ExplicitResources)
            copy.ExplicitResources[map.Resources.TryGetValue(res, out var n) ? n : res] = path;
        return copy;
    }

    /// <summary>Name rules for one import or export (or inline instance export): the name grammar, the
    /// annotations, resource-function names against known resources, and strong uniqueness.</summary>
    private void ValidateExtern(ExternName extern_, bool isImport, EntityType entity, ResourceNames resources,
        Dictionary<string, string> uniqueNames, OrderedDictionary<string, EntityType> items, long offset)
    {
        string kind = isImport ? "import" : "export";
        string name = extern_.Name;
        ComponentName parsed = null!;
        WithContext($"{kind} name `{name}` is not a valid extern name", () => parsed = ComponentName.Parse(name, offset));

        if (!isImport && parsed.Kind is ComponentNameKind.Hash or ComponentNameKind.Url or ComponentNameKind.Dependency)
            throw Error($"name `{name}` is not a valid export name", offset);

        if (extern_.Implements is { } implements)
        {
            if (parsed.Kind != ComponentNameKind.Label) throw Error($"name `{name}` is not valid with `implements`", offset);
            if (entity.Kind != EntityKind.Instance) throw Error("only instances can have an `implements`", offset);
            ComponentName impl = null!;
            WithContext($"`{implements}` is not a valid name", () => impl = ComponentName.Parse(implements, offset));
            if (impl.Kind != ComponentNameKind.Interface) throw Error($"name `{implements}` must be an interface", offset);
        }
        if (extern_.VersionSuffix is not null && entity.Kind != EntityKind.Instance)
            throw Error("only instances can have an `versionsuffix`", offset);

        WithContext($"{kind} name `{name}` is not valid", () => ValidateNameAgainstType(parsed, extern_.VersionSuffix, entity, resources, offset));

        string key = parsed.UniquenessKey;
        if (uniqueNames.TryGetValue(key, out var prev))
            throw Error($"{kind} name `{name}` conflicts with previous name `{prev}`", offset);
        uniqueNames[key] = name;
        if (items.ContainsKey(name)) throw Error($"{kind} name `{name}` conflicts with previous name `{name}`", offset);
        items.Add(name, entity);
        Current.Info = Current.Info.Combine(_types.InfoOf(entity), offset);
    }

    private void ValidateNameAgainstType(ComponentName name, string? versionSuffix, EntityType entity, ResourceNames resources, long offset)
    {
        FuncTypeData Func() => entity.Kind == EntityKind.Func ? _types.Func(entity.Id) : throw Error("item is not a func", offset);
        switch (name.Kind)
        {
            case ComponentNameKind.Interface:
                if (name.InterfaceVersion is { } version && Semver.Check(version + versionSuffix) is { } err)
                    throw Error($"invalid interface version: {err}", offset);
                break;
            case ComponentNameKind.Constructor:
            {
                var f = Func();
                if (f.Async) throw Error("constructor function cannot be async", offset);
                if (f.Result is not { } r) throw Error("function should return one value", offset);
                TypeId? resource = null;
                if (!r.IsPrimitive)
                {
                    var d = _types.Defined(r.Type);
                    if (d.Kind == DefinedKind.Own) resource = d.Resource;
                    else if (d.Kind == DefinedKind.Result && d.Types[0] is { IsPrimitive: false } ok && _types.Defined(ok.Type) is { Kind: DefinedKind.Own } own)
                        resource = own.Resource;
                }
                if (resource is not { } res) throw Error("function should return `(own $T)` or `(result (own $T))`", offset);
                CheckResourceName(resources, res, name.Resource, offset);
                break;
            }
            case ComponentNameKind.Method:
            {
                var f = Func();
                if (f.ParamTypes.Length == 0) throw Error("function should have at least one argument", offset);
                if (f.ParamNames[0] != "self") throw Error("function should have a first argument called `self`", offset);
                var p = f.ParamTypes[0];
                if (p.IsPrimitive || _types.Defined(p.Type) is not { Kind: DefinedKind.Borrow } b)
                    throw Error("function should take a first argument of `(borrow $T)`", offset);
                CheckResourceName(resources, b.Resource, name.Resource, offset);
                break;
            }
            case ComponentNameKind.Static:
                Func();
                if (!resources.Knows(name.Resource)) throw Error("static resource name is not known in this context", offset);
                break;
        }
    }

    private static void CheckResourceName(ResourceNames resources, TypeId resource, string name, long offset)
    {
        var expected = resources.NameOf(resource) ?? throw Error("resource used in function does not have a name in this context", offset);
        if (expected != name) throw Error($"function does not match expected resource name `{expected}`", offset);
    }

    /// <summary>The type of a finished component (or component type): its imports and exports, and which
    /// of its resources its exports reveal (those must be exported by name; none may leak into imports).</summary>
    private ComponentTypeData Finish(Scope s, long offset)
    {
        var type = new ComponentTypeData
        {
            Imports = s.Imports,
            Exports = s.Exports,
            Info = s.Info,
        };
        foreach (var (res, path) in s.ImportedResources) type.ImportedResources.Add((res, path));
        foreach (var (res, path) in s.ExplicitResources) type.ExplicitResources[res] = path;

        var free = new HashSet<int>();
        foreach (var e in type.Imports.Values) _types.FreeResources(e, free);
        foreach (var res in s.DefinedResources.Keys)
            if (free.Contains(res)) throw Error("local resource type found in imports", offset);

        free.Clear();
        foreach (var e in type.Exports.Values) _types.FreeResources(e, free);
        foreach (var res in s.DefinedResources.Keys)
        {
            if (!free.Contains(res)) continue;
            if (!type.ExplicitResources.TryGetValue(res, out var path))
                throw Error("local resource type found in export but not exported itself", offset);
            type.DefinedResources.Add((res, path));
        }
        return type;
    }
}
