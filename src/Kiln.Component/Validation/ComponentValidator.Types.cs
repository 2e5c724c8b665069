using Kiln.Component.Model;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Names;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Model;

namespace Kiln.Component.Validation;

// Component-level type definitions: defined value types, function types, component and instance
// types (each checked in a fresh scope) and resource types.
public sealed partial class ComponentValidator
{
    private void AddType(TypeDefinition def)
    {
        long offset = def.Offset;
        TypeId id;
        switch (def)
        {
            case DefinedType d:
            {
                var data = CreateDefined(d, offset);
                if (data.Info.Depth > TypeInfo.MaxDepth) throw Error("type nesting is too deep", offset);
                var (size, align) = ElementSize.Of(_types, data);
                if (size >= ElementSize.Limit)
                    throw Error($"type with an element size of {size} bytes exceeds maximum byte size of 2^28 (elem_size with 64-bit pointers)", offset);
                id = _types.Push(new DefinedTypeData
                {
                    Kind = data.Kind, Primitive = data.Primitive, Names = data.Names, Types = data.Types, Length = data.Length,
                    Resource = data.Resource, Info = data.Info, ElemSize = size, Alignment = align,
                });
                break;
            }
            case ComponentFuncType f: id = _types.Push(CreateFunc(f, offset)); break;
            case ComponentTypeDefinition c: id = _types.Push(CreateComponentType(c.Declarations, offset)); break;
            case InstanceTypeDefinition i: id = _types.Push(CreateInstanceType(i.Declarations, offset)); break;
            case ResourceTypeDefinition r: id = DefineResource(r, offset); break;
            default: throw Error("unknown type definition", offset);
        }
        CheckMax(Current.CoreTypes.Count + Current.Types.Count, 1, MaxTypes, "types", offset);
        Current.Types.Add(id);
    }

    private TypeId DefineResource(ResourceTypeDefinition r, long offset)
    {
        // Resource types are generative: only a concrete component may define one (not a type).
        if (Current.Kind != ScopeKind.Component) throw Error("resources can only be defined within a concrete component", offset);
        if (r.Representation == ValType.I64) throw Error("resources with `i64` require the `cm64` feature to be enabled", offset);
        if (r.Representation != ValType.I32) throw Error("resources can only be represented by `i32` or `i64`", offset);
        if (r.Destructor is { } dtor)
        {
            var ft = CoreFunctionAt(dtor, offset);
            if (ft.Params is not [ValType.I32] || ft.Results.Length != 0)
                throw Error($"core function {dtor} has wrong signature for a destructor", offset);
        }
        var id = _types.NewResource();
        Current.DefinedResources[id.Index] = true;
        return id;
    }

    private ResolvedValType CreateValType(ComponentValType t, long offset) =>
        t.IsPrimitive ? ResolvedValType.Of(t.Primitive) : ResolvedValType.Of(DefinedTypeAt(t.TypeIndex, offset));

    private string ToKebab(string s, string what, long offset)
    {
        if (Kebab.IsKebab(s)) return s;
        throw Error(s.Length == 0 ? $"{what} name cannot be empty" : $"{what} name `{s}` is not in kebab case", offset);
    }

    private DefinedTypeData CreateDefined(DefinedType d, long offset)
    {
        var info = TypeInfo.Leaf;
        ResolvedValType Child(ComponentValType t)
        {
            var v = CreateValType(t, offset);
            info = info.Combine(_types.InfoOf(v), offset);
            return v;
        }
        ResolvedValType? Maybe(ComponentValType? t) => t is { } v ? Child(v) : null;

        switch (d)
        {
            case PrimitiveDefinedType p:
                return new() { Kind = DefinedKind.Primitive, Primitive = p.Type };
            case RecordType r:
            {
                if (r.Fields.Count == 0) throw Error("record type must have at least one field", offset);
                var seen = new Dictionary<string, string>(Kebab.Comparer);
                var names = new string[r.Fields.Count];
                var types = new ResolvedValType?[r.Fields.Count];
                for (int i = 0; i < names.Length; i++)
                {
                    var (label, t) = r.Fields[i];
                    ToKebab(label, "record field", offset);
                    var v = CreateValType(t, offset);
                    if (!seen.TryAdd(label, label))
                        throw Error($"record field name `{label}` conflicts with previous field name `{seen[label]}`", offset);
                    info = info.Combine(_types.InfoOf(v), offset);
                    names[i] = label;
                    types[i] = v;
                }
                return new() { Kind = DefinedKind.Record, Names = names, Types = types, Info = info };
            }
            case VariantType vt:
            {
                if (vt.Cases.Count == 0) throw Error("variant type must have at least one case", offset);
                var seen = new Dictionary<string, string>(Kebab.Comparer);
                var names = new string[vt.Cases.Count];
                var types = new ResolvedValType?[vt.Cases.Count];
                for (int i = 0; i < names.Length; i++)
                {
                    var c = vt.Cases[i];
                    ToKebab(c.Label, "variant case", offset);
                    ResolvedValType? v = c.Type is { } ct ? CreateValType(ct, offset) : null;
                    if (!seen.TryAdd(c.Label, c.Label))
                        throw Error($"variant case name `{c.Label}` conflicts with previous case name `{seen[c.Label]}`", offset);
                    if (v is { } vv) info = info.Combine(_types.InfoOf(vv), offset);
                    names[i] = c.Label;
                    types[i] = v;
                }
                return new() { Kind = DefinedKind.Variant, Names = names, Types = types, Info = info };
            }
            case ListType l:
                return new() { Kind = DefinedKind.List, Types = [Child(l.Element)], Info = info };
            case FixedListType fl:
            {
                if (fl.Length < 1) throw Error("Fixed-length lists must have more than zero elements", offset);
                CheckMax(0, (int)Math.Min(fl.Length, int.MaxValue), 1_073_741_824, "fixed-length list element", offset);
                return new() { Kind = DefinedKind.FixedList, Types = [Child(fl.Element)], Length = fl.Length, Info = info };
            }
            case MapType m:
                return new() { Kind = DefinedKind.Map, Types = [Child(m.Key), Child(m.Value)], Info = info };
            case TupleType t:
            {
                if (t.Types.Count == 0) throw Error("tuple type must have at least one type", offset);
                var types = new ResolvedValType?[t.Types.Count];
                for (int i = 0; i < types.Length; i++) types[i] = Child(t.Types[i]);
                return new() { Kind = DefinedKind.Tuple, Types = types, Info = info };
            }
            case FlagsType f:
            {
                if (f.Names.Count == 0) throw Error("flags must have at least one entry", offset);
                if (f.Names.Count > 32) throw Error("cannot have more than 32 flags", offset);
                return new() { Kind = DefinedKind.Flags, Names = UniqueLabels(f.Names, "flag", "flag name", "previous flag name", offset) };
            }
            case EnumType e:
            {
                if (e.Names.Count == 0) throw Error("enum type must have at least one variant", offset);
                return new() { Kind = DefinedKind.Enum, Names = UniqueLabels(e.Names, "enum tag", "enum tag name", "previous tag name", offset) };
            }
            case OptionType o:
                return new() { Kind = DefinedKind.Option, Types = [Child(o.Type)], Info = info };
            case ResultType r:
                return new() { Kind = DefinedKind.Result, Types = [Maybe(r.Ok), Maybe(r.Error)], Info = info };
            case OwnType o:
                return new() { Kind = DefinedKind.Own, Resource = ResourceAt(o.ResourceIndex, offset) };
            case BorrowType b:
                return new() { Kind = DefinedKind.Borrow, Resource = ResourceAt(b.ResourceIndex, offset), Info = TypeInfo.BorrowLeaf };
            case FutureType f:
                return new() { Kind = DefinedKind.Future, Types = [Maybe(f.Element)], Info = info };
            case StreamType s:
            {
                var elem = s.Element is { } et ? CreateValType(et, offset) : (ResolvedValType?)null;
                if (elem is { } ev && (ev.IsPrimitive ? ev.Primitive : _types.Defined(ev.Type) is { Kind: DefinedKind.Primitive } pd ? pd.Primitive : default) == PrimValType.Char)
                    throw Error("`stream<char>` is not valid at this time, use `stream<u8>` with a defined by encoding instead for now", offset);
                if (elem is { } e2) info = info.Combine(_types.InfoOf(e2), offset);
                return new() { Kind = DefinedKind.Stream, Types = [elem], Info = info };
            }
            default:
                throw Error("unknown defined type", offset);
        }
    }

    private string[] UniqueLabels(IReadOnlyList<string> labels, string what, string prefix, string previous, long offset)
    {
        var seen = new Dictionary<string, string>(Kebab.Comparer);
        foreach (var l in labels)
        {
            ToKebab(l, what, offset);
            if (!seen.TryAdd(l, l)) throw Error($"{prefix} `{l}` conflicts with {previous} `{seen[l]}`", offset);
        }
        return [.. labels];
    }

    private FuncTypeData CreateFunc(ComponentFuncType f, long offset)
    {
        var info = TypeInfo.Leaf;
        var seen = new Dictionary<string, string>(Kebab.Comparer);
        var names = new string[f.Params.Count];
        var types = new ResolvedValType[f.Params.Count];
        for (int i = 0; i < names.Length; i++)
        {
            var (label, t) = f.Params[i];
            ToKebab(label, "function parameter", offset);
            if (!seen.TryAdd(label, label))
                throw Error($"function parameter name `{label}` conflicts with previous parameter name `{seen[label]}`", offset);
            var v = CreateValType(t, offset);
            info = info.Combine(_types.InfoOf(v), offset);
            names[i] = label;
            types[i] = v;
        }
        ResolvedValType? result = null;
        if (f.Result is { } r)
        {
            var v = CreateValType(r, offset);
            if (_types.InfoOf(v).ContainsBorrow) throw Error("function result cannot contain a `borrow` type", offset);
            info = info.Combine(_types.InfoOf(v), offset);
            result = v;
        }
        return new FuncTypeData(f.Async, names, types, result, info);
    }

    /// <summary>A component type: its declarators validated in a fresh scope, as a component would be.</summary>
    private ComponentTypeData CreateComponentType(IReadOnlyList<TypeDeclaration> decls, long offset)
    {
        _scopes.Add(new Scope(ScopeKind.ComponentType));
        foreach (var decl in decls) AddDeclaration(decl, offset);
        var scope = Current;
        var type = Finish(scope, offset);
        _scopes.RemoveAt(_scopes.Count - 1);
        return type;
    }

    private InstanceTypeData CreateInstanceType(IReadOnlyList<TypeDeclaration> decls, long offset)
    {
        _scopes.Add(new Scope(ScopeKind.InstanceType));
        foreach (var decl in decls) AddDeclaration(decl, offset);
        var scope = Current;
        _scopes.RemoveAt(_scopes.Count - 1);
        // A declared instance type's resources are introduced by its own (export "r" (type (sub resource)))
        // declarators, so each has an export path; they become fresh again wherever the type is used.
        return new InstanceTypeData
        {
            Exports = scope.Exports,
            DefinedResources = [.. scope.DefinedResources.Keys],
            ExplicitResources = scope.ExplicitResources,
            Info = scope.Info,
        };
    }

    private void AddDeclaration(TypeDeclaration decl, long parentOffset)
    {
        long offset = decl.Offset >= 0 ? decl.Offset : parentOffset;
        switch (decl)
        {
            case CoreTypeDeclaration c: AddCoreType(c.Type.Offset >= 0 ? c.Type : c.Type with { Offset = (int)offset }); break;
            case TypeDefinitionDeclaration t: AddType(t.Type.Offset >= 0 ? t.Type : t.Type with { Offset = (int)offset }); break;
            case AliasDeclaration a: AddAlias(a.Alias.Offset >= 0 ? a.Alias : a.Alias with { Offset = (int)offset }); break;
            case ImportDeclaration i:
                if (Current.Kind == ScopeKind.InstanceType) throw Error("instance types cannot contain imports", offset);
                AddImport(i.Name, i.Type, offset);
                break;
            case ExportDeclaration e:
            {
                var entity = CheckTypeRef(e.Type, offset);
                AddExportEntity(e.Name, entity, offset);
                break;
            }
        }
    }
}
