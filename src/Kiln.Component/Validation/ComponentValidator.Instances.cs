using Kiln.Component.Model;
using Kiln.Component.Validation.Types;

namespace Kiln.Component.Validation;

// Component instances (instantiation and bags of exports), the start function and value definitions.
public sealed partial class ComponentValidator
{
    private void AddInstance(ComponentInstanceDefinition instance)
    {
        long offset = instance.Offset;
        var id = instance switch
        {
            ComponentInstantiate i => InstantiateComponent(i, offset),
            ComponentInlineExports e => InstanceFromExports(e, offset),
            _ => throw Error("unknown instance form", offset),
        };
        CheckMax(Current.Instances.Count + Current.CoreInstances.Count, 1, MaxInstances, "instances", offset);
        Current.Instances.Add(id);
    }

    private EntityType ArgEntity(SortIndex item, long offset)
    {
        if (item.Sort.IsCore)
        {
            if (item.Sort.Core != CoreSort.Module) throw Error($"invalid leading byte (0x{(byte)item.Sort.Core:x}) for component external kind", offset);
            return EntityType.OfModule(ModuleAt(Current, item.Index, offset));
        }
        return item.Sort.Kind switch
        {
            SortKind.Func => EntityType.OfFunc(FunctionAt(item.Index, offset)),
            SortKind.Value => EntityType.OfValue(UseValue(item.Index, offset)),
            SortKind.Type => TypeAt(item.Index, offset) is var t ? EntityType.OfType(t, t) : default,
            SortKind.Instance => EntityType.OfInstance(InstanceAt(item.Index, offset)),
            SortKind.Component => EntityType.OfComponent(ComponentAt(Current, item.Index, offset)),
            _ => throw Error("invalid sort", offset),
        };
    }

    /// <summary>
    /// Instantiation: the arguments must be subtypes of the component's imports; the instance's exports
    /// are the component's exports with its imported resources replaced by the resources supplied, its type
    /// imports by the types supplied, and its own resources by fresh ones (each instantiation defines new
    /// resource types, which now belong to this component).
    /// </summary>
    private TypeId InstantiateComponent(ComponentInstantiate inst, long offset)
    {
        var componentId = ComponentAt(Current, inst.ComponentIndex, offset);
        var args = new OrderedDictionary<string, EntityType>(StringComparer.Ordinal);
        foreach (var arg in inst.Args)
        {
            var e = ArgEntity(arg.Item, offset);
            if (args.ContainsKey(arg.Name))
                throw Error($"instantiation argument `{arg.Name}` conflicts with previous argument `{arg.Name}`", offset);
            args.Add(arg.Name, e);
        }

        var component = _types.Component(componentId);
        var info = TypeInfo.Leaf;
        foreach (var e in component.Exports.Values) info = info.Combine(_types.InfoOf(e), offset);

        var mapping = _subtyping.OpenComponentType(args, componentId, importing: true, offset);
        var fresh = new List<int>();
        foreach (var (old, _) in component.DefinedResources)
        {
            int n = _types.NewResource().Index;
            mapping.Resources[old] = n;
            fresh.Add(n);
        }

        var result = new InstanceTypeData { Info = info };
        foreach (var (name, e) in component.Exports)
        {
            var x = e;
            _types.Remap(ref x, mapping);
            result.Exports.Add(name, x);
        }
        foreach (var (res, path) in component.ExplicitResources)
            result.ExplicitResources[mapping.Resources.TryGetValue(res, out var n) ? n : res] = path;
        foreach (var n in fresh) Current.DefinedResources[n] = false;
        return _types.Push(result);
    }

    private TypeId InstanceFromExports(ComponentInlineExports inst, long offset)
    {
        var result = new InstanceTypeData();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var noResources = new ResourceNames();
        var info = Current.Info;
        foreach (var export in inst.Exports)
        {
            var e = ArgEntity(export.Item, offset);
            if (e.Kind == EntityKind.Instance)
                foreach (var (res, path) in _types.Instance(e.Id).ExplicitResources)
                    result.ExplicitResources[res] = [result.Exports.Count, .. path];
            if (e.Kind == EntityKind.Type && e.Id.IsResource)
                result.ExplicitResources[e.Id.Index] = [result.Exports.Count];
            ValidateExtern(export.Name, isImport: false, e, noResources, names, result.Exports, offset);
        }
        // ValidateExtern accumulated size into the scope's info; the bag's own info is what it holds.
        var own = TypeInfo.Leaf;
        foreach (var e in result.Exports.Values) own = own.Combine(_types.InfoOf(e), offset);
        Current.Info = info;
        return _types.Push(new InstanceTypeData { Exports = result.Exports, ExplicitResources = result.ExplicitResources, Info = own });
    }

    private void AddStart(ComponentStart start)
    {
        long offset = start.Offset;
        var s = Current;
        if (s.HasStart) throw Error("component cannot have more than one start function", offset);
        var f = _types.Func(FunctionAt(start.FuncIndex, offset));
        if (f.ParamTypes.Length != start.Args.Count)
            throw Error($"component start function requires {f.ParamTypes.Length} arguments but was given {start.Args.Count}", offset);
        uint typeResults = f.Result is null ? 0u : 1u;
        if (typeResults != start.ResultCount)
            throw Error($"component start function has a result count of {start.ResultCount} but the function type has a result count of {typeResults}", offset);
        for (int i = 0; i < start.Args.Count; i++)
        {
            var v = UseValue(start.Args[i], offset);
            int k = i;
            WithContext($"value type mismatch for component start function argument {i}", () => _subtyping.Value(v, f.ParamTypes[k], offset));
        }
        if (f.Result is { } r) s.Values.Add((r, false));
        s.HasStart = true;
    }

    private void AddValue(ComponentValue value)
    {
        long offset = value.Offset;
        var type = CreateValType(value.Type, offset);
        new ValueDecoder(_types, offset).Decode(type, value.Bytes.Span);
        CheckMax(Current.Values.Count, 1, MaxValues, "values", offset);
        Current.Values.Add((type, false));
    }
}
