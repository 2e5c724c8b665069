namespace Kiln.Component.Validation.Types;

/// <summary>
/// A substitution: resources to resources (type variables bound by instantiation, or freshened), and
/// types to types (type imports replaced by the arguments that satisfied them). <see cref="Types"/> also
/// memoizes one substitution pass, so every mention of one type maps to one new type.
/// </summary>
public sealed class Remapping
{
    public Dictionary<int, int> Resources { get; } = [];
    public Dictionary<TypeId, TypeId> Types { get; set; } = [];
}

public sealed partial class TypeArena
{
    /// <summary>Applies <paramref name="map"/> to <paramref name="e"/>; true when anything changed.</summary>
    public bool Remap(ref EntityType e, Remapping map)
    {
        switch (e.Kind)
        {
            case EntityKind.Func or EntityKind.Instance or EntityKind.Component:
            {
                var id = e.Id;
                bool changed = Remap(ref id, map);
                e = e with { Id = id };
                return changed;
            }
            case EntityKind.Type:
            {
                var referenced = e.Referenced;
                bool changed = Remap(ref referenced, map);
                var created = e.Id;
                if (e.Id == e.Referenced) created = referenced;
                else changed |= Remap(ref created, map);
                e = e with { Id = created, Referenced = referenced };
                return changed;
            }
            case EntityKind.Value:
            {
                var v = e.Value;
                bool changed = Remap(ref v, map);
                e = e with { Value = v };
                return changed;
            }
            default: return false;
        }
    }

    public bool Remap(ref ResolvedValType v, Remapping map)
    {
        if (v.IsPrimitive) return false;
        var id = v.Type;
        bool changed = Remap(ref id, map);
        v = ResolvedValType.Of(id);
        return changed;
    }

    public bool Remap(ref TypeId id, Remapping map)
    {
        if (map.Types.TryGetValue(id, out var known))
        {
            bool same = known == id;
            id = known;
            return !same;
        }
        if (id.Kind == TypeKind.Resource)
        {
            if (!map.Resources.TryGetValue(id.Index, out var res)) return false;
            id = id with { Index = res };
            return true;
        }
        var old = id;
        TypeId result;
        switch (id.Kind)
        {
            case TypeKind.Defined:
            {
                var d = Defined(id);
                var children = (ResolvedValType?[])d.Types.Clone();
                bool changed = false;
                for (int i = 0; i < children.Length; i++)
                    if (children[i] is { } c) { changed |= Remap(ref c, map); children[i] = c; }
                var resource = d.Resource;
                if (d.Kind is DefinedKind.Own or DefinedKind.Borrow) changed |= Remap(ref resource, map);
                result = changed ? Push(d.With(children, resource)) : id;
                break;
            }
            case TypeKind.Func:
            {
                var f = Func(id);
                var ps = (ResolvedValType[])f.ParamTypes.Clone();
                bool changed = false;
                for (int i = 0; i < ps.Length; i++) changed |= Remap(ref ps[i], map);
                var r = f.Result;
                if (r is { } rv) { changed |= Remap(ref rv, map); r = rv; }
                result = changed ? Push(f with { ParamTypes = ps, Result = r }) : id;
                break;
            }
            case TypeKind.Instance:
            {
                var t = Instance(id).Clone();
                bool changed = RemapEntities(t.Exports, map);
                for (int i = 0; i < t.DefinedResources.Count; i++)
                    if (map.Resources.TryGetValue(t.DefinedResources[i], out var n)) { t.DefinedResources[i] = n; changed = true; }
                changed |= RemapKeys(t.ExplicitResources, map);
                result = changed ? Push(t) : id;
                break;
            }
            default:
            {
                var t = Component(id).Clone();
                bool changed = RemapEntities(t.Imports, map) | RemapEntities(t.Exports, map);
                changed |= RemapPaths(t.ImportedResources, map) | RemapPaths(t.DefinedResources, map);
                changed |= RemapKeys(t.ExplicitResources, map);
                result = changed ? Push(t) : id;
                break;
            }
        }
        map.Types[old] = result;
        id = result;
        return result != old;
    }

    private bool RemapEntities(OrderedDictionary<string, EntityType> entities, Remapping map)
    {
        bool changed = false;
        for (int i = 0; i < entities.Count; i++)
        {
            var (k, e) = entities.GetAt(i);
            if (Remap(ref e, map)) { entities.SetAt(i, e); changed = true; }
            _ = k;
        }
        return changed;
    }

    private static bool RemapPaths(List<(int Resource, int[] Path)> list, Remapping map)
    {
        bool changed = false;
        for (int i = 0; i < list.Count; i++)
            if (map.Resources.TryGetValue(list[i].Resource, out var n)) { list[i] = (n, list[i].Path); changed = true; }
        return changed;
    }

    private static bool RemapKeys(OrderedDictionary<int, int[]> dict, Remapping map)
    {
        bool any = false;
        foreach (var k in dict.Keys) if (map.Resources.ContainsKey(k)) { any = true; break; }
        if (!any) return false;
        var copy = dict.ToList();
        dict.Clear();
        foreach (var (k, v) in copy) dict[map.Resources.TryGetValue(k, out var n) ? n : k] = v;
        return true;
    }
}
