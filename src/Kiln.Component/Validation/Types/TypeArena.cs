namespace Kiln.Component.Validation.Types;

/// <summary>
/// Every resolved type of one validation, by id. Types are immutable once pushed: substitution
/// (<see cref="Remap(ref EntityType, Remapping)"/>) pushes changed copies. Resource identities and
/// alias identities are counters here, so two instantiations of one component get distinct resources.
/// </summary>
public sealed partial class TypeArena
{
    private readonly List<DefinedTypeData> _defined = [];
    private readonly List<FuncTypeData> _funcs = [];
    private readonly List<ComponentTypeData> _components = [];
    private readonly List<InstanceTypeData> _instances = [];
    private readonly List<ModuleTypeData> _modules = [];
    private int _nextResource = 1;
    private int _nextAlias = 1;

    public TypeId Push(DefinedTypeData t) { _defined.Add(t); return new(TypeKind.Defined, _defined.Count - 1); }
    public TypeId Push(FuncTypeData t) { _funcs.Add(t); return new(TypeKind.Func, _funcs.Count - 1); }
    public TypeId Push(ComponentTypeData t) { _components.Add(t); return new(TypeKind.Component, _components.Count - 1); }
    public TypeId Push(InstanceTypeData t) { _instances.Add(t); return new(TypeKind.Instance, _instances.Count - 1); }
    public int Push(ModuleTypeData t) { _modules.Add(t); return _modules.Count - 1; }

    public DefinedTypeData Defined(TypeId id) => _defined[id.Index];
    public FuncTypeData Func(TypeId id) => _funcs[id.Index];
    public ComponentTypeData Component(TypeId id) => _components[id.Index];
    public InstanceTypeData Instance(TypeId id) => _instances[id.Index];
    public ModuleTypeData Module(int index) => _modules[index];

    /// <summary>A resource type never seen before.</summary>
    public TypeId NewResource() => new(TypeKind.Resource, _nextResource++);

    /// <summary>The same type under a new identity (a type import or export re-introducing it).</summary>
    public TypeId WithUnique(TypeId id) => id with { Alias = _nextAlias++ };

    public TypeInfo InfoOf(ResolvedValType t) => t.IsPrimitive ? TypeInfo.Leaf : Defined(t.Type).Info;

    public TypeInfo InfoOf(TypeId id) => id.Kind switch
    {
        TypeKind.Defined => Defined(id).Info,
        TypeKind.Func => Func(id).Info,
        TypeKind.Component => Component(id).Info,
        TypeKind.Instance => Instance(id).Info,
        _ => TypeInfo.Leaf,
    };

    public TypeInfo InfoOf(EntityType e) => e.Kind switch
    {
        EntityKind.Func or EntityKind.Instance or EntityKind.Component => InfoOf(e.Id),
        EntityKind.Type => InfoOf(e.Id),
        EntityKind.Value => InfoOf(e.Value),
        _ => TypeInfo.Leaf,
    };

    /// <summary>Whether a value of this type holds a pointer into linear memory (a string or list inside).</summary>
    public bool ContainsPointer(ResolvedValType t)
    {
        if (t.IsPrimitive) return t.Primitive == Model.PrimValType.String;
        var d = Defined(t.Type);
        switch (d.Kind)
        {
            case DefinedKind.List or DefinedKind.Map: return true;
            case DefinedKind.Own or DefinedKind.Borrow or DefinedKind.Future or DefinedKind.Stream
                or DefinedKind.Flags or DefinedKind.Enum: return false;
            case DefinedKind.Primitive: return d.Primitive == Model.PrimValType.String;
        }
        foreach (var c in d.Types)
            if (c is { } ct && ContainsPointer(ct)) return true;
        return false;
    }

    // ---- free resources: the resource types a type mentions but does not itself define ----

    public void FreeResources(TypeId id, HashSet<int> set)
    {
        switch (id.Kind)
        {
            case TypeKind.Resource: set.Add(id.Index); break;
            case TypeKind.Defined: FreeResourcesDefined(id, set); break;
            case TypeKind.Func:
                var f = Func(id);
                foreach (var p in f.ParamTypes) FreeResources(p, set);
                if (f.Result is { } r) FreeResources(r, set);
                break;
            case TypeKind.Instance:
                var i = Instance(id);
                foreach (var e in i.Exports.Values) FreeResources(e, set);
                foreach (var d in i.DefinedResources) set.Remove(d);
                break;
            case TypeKind.Component:
                var c = Component(id);
                foreach (var e in c.Imports.Values) FreeResources(e, set);
                foreach (var e in c.Exports.Values) FreeResources(e, set);
                foreach (var (res, _) in c.ImportedResources) set.Remove(res);
                foreach (var (res, _) in c.DefinedResources) set.Remove(res);
                break;
        }
    }

    public void FreeResources(ResolvedValType t, HashSet<int> set)
    {
        if (!t.IsPrimitive) FreeResourcesDefined(t.Type, set);
    }

    private void FreeResourcesDefined(TypeId id, HashSet<int> set)
    {
        var d = Defined(id);
        if (d.Kind is DefinedKind.Own or DefinedKind.Borrow) { set.Add(d.Resource.Index); return; }
        foreach (var c in d.Types)
            if (c is { } ct) FreeResources(ct, set);
    }

    public void FreeResources(EntityType e, HashSet<int> set)
    {
        switch (e.Kind)
        {
            case EntityKind.Func or EntityKind.Instance or EntityKind.Component or EntityKind.Type: FreeResources(e.Id, set); break;
            case EntityKind.Value: FreeResources(e.Value, set); break;
        }
    }

    // ---- naming: every record, variant, flags, enum and resource an import/export uses must itself be imported/exported ----

    public bool IsNamed(ResolvedValType t, HashSet<TypeId> named) => t.IsPrimitive || IsNamedDefined(t.Type, named);

    public bool IsNamedDefined(TypeId id, HashSet<TypeId> named)
    {
        var d = Defined(id);
        switch (d.Kind)
        {
            case DefinedKind.Primitive: return true;
            case DefinedKind.Flags or DefinedKind.Enum or DefinedKind.Record or DefinedKind.Variant: return named.Contains(id);
            case DefinedKind.Own or DefinedKind.Borrow: return named.Contains(d.Resource);
        }
        foreach (var c in d.Types)
            if (c is { } ct && !IsNamed(ct, named)) return false;
        return true;
    }

    /// <summary>The children of a defined type are named (the type itself may be anonymous).</summary>
    public bool ChildrenNamed(TypeId id, HashSet<TypeId> named)
    {
        var d = Defined(id);
        if (d.Kind is DefinedKind.Own or DefinedKind.Borrow) return named.Contains(d.Resource);
        foreach (var c in d.Types)
            if (c is { } ct && !IsNamed(ct, named)) return false;
        return true;
    }

    public bool FuncNamed(TypeId id, HashSet<TypeId> named)
    {
        var f = Func(id);
        foreach (var p in f.ParamTypes)
            if (!IsNamed(p, named)) return false;
        return f.Result is not { } r || IsNamed(r, named);
    }

    public bool InstanceNamed(TypeId id, HashSet<TypeId> named)
    {
        foreach (var e in Instance(id).Exports.Values)
        {
            bool ok = e.Kind switch
            {
                EntityKind.Func => FuncNamed(e.Id, named),
                EntityKind.Type => AnyNamed(e.Id, named),
                EntityKind.Value => e.Value.IsPrimitive || ChildrenNamed(e.Value.Type, named),
                EntityKind.Instance => InstanceNamed(e.Id, named),
                _ => true,
            };
            if (!ok) return false;
        }
        return true;
    }

    public bool AnyNamed(TypeId id, HashSet<TypeId> named) => id.Kind switch
    {
        TypeKind.Defined => ChildrenNamed(id, named),
        TypeKind.Func => FuncNamed(id, named),
        TypeKind.Instance => InstanceNamed(id, named),
        _ => true,
    };
}
