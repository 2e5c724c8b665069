using Kiln.Component.Model;
using Kiln.Wasm.Model;

namespace Kiln.Component.Validation.Types;

/// <summary>
/// Component subtyping as wasmparser checks it: instances and components by their exports and
/// imports (width subtyping), resources by identity after substitution, and everything else (value
/// types, function types) by equality, which is what wasmparser implements today. Errors carry
/// wasmparser's wording and context lines.
/// </summary>
public sealed class Subtyping(TypeArena types)
{
    public void Entity(EntityType a, EntityType b, long offset)
    {
        if (a.Kind != b.Kind) throw Error($"expected {b.Describe()}, found {a.Describe()}", offset);
        switch (a.Kind)
        {
            case EntityKind.Module: ModuleType(types.Module(a.Module), types.Module(b.Module), offset); break;
            case EntityKind.Func: FuncType(a.Id, b.Id, offset); break;
            case EntityKind.Value: Value(a.Value, b.Value, offset); break;
            case EntityKind.Type: AnyType(a.Referenced, b.Referenced, offset); break;
            case EntityKind.Instance: InstanceType(a.Id, b.Id, offset); break;
            default: ComponentType(a.Id, b.Id, offset); break;
        }
    }

    public void AnyType(TypeId a, TypeId b, long offset)
    {
        if (a.Kind != b.Kind)
            throw Error($"expected {b.Describe()}, found {FoundWord(a.Kind)}", offset);
        switch (a.Kind)
        {
            case TypeKind.Resource:
                if (a.Index != b.Index)
                    throw Error($"resource types are not the same (resource {a.Index} vs. resource {b.Index})", offset);
                break;
            case TypeKind.Defined: Defined(a, b, offset); break;
            case TypeKind.Func: FuncType(a, b, offset); break;
            case TypeKind.Instance: InstanceType(a, b, offset); break;
            default: ComponentType(a, b, offset); break;
        }
    }

    /// <summary>wasmparser names the found side of a type mismatch "func type", "defined type", ….</summary>
    private static string FoundWord(TypeKind k) => k switch
    {
        TypeKind.Func => "func type",
        TypeKind.Instance => "instance type",
        TypeKind.Component => "component type",
        TypeKind.Defined => "defined type",
        _ => "resource",
    };

    public void InstanceType(TypeId aId, TypeId bId, long offset)
    {
        var a = types.Instance(aId);
        var b = types.Instance(bId);
        var pairs = new List<(string, EntityType, EntityType)>(b.Exports.Count);
        foreach (var (name, bt) in b.Exports)
        {
            if (!a.Exports.TryGetValue(name, out var at)) throw Error($"missing expected export `{name}`", offset);
            pairs.Add((name, at, bt));
        }
        foreach (var (name, at, bt) in pairs)
            Context($"type mismatch in instance export `{name}`", () => Entity(at, bt, offset));
    }

    public void ComponentType(TypeId a, TypeId b, long offset)
    {
        // A component of type a can stand in for one of type b when b's imports satisfy a's imports and
        // a's exports (with a's imported resources bound to b's) satisfy b's exports.
        var bImports = new OrderedDictionary<string, EntityType>(types.Component(b).Imports, StringComparer.Ordinal);
        var mapping = OpenComponentType(bImports, a, importing: true, offset);
        var aExports = new OrderedDictionary<string, EntityType>(StringComparer.Ordinal);
        foreach (var (name, e) in types.Component(a).Exports)
        {
            var t = e;
            types.Remap(ref t, mapping);
            aExports.Add(name, t);
        }
        OpenComponentType(aExports, b, importing: false, offset);
    }

    public void FuncType(TypeId aId, TypeId bId, long offset)
    {
        var a = types.Func(aId);
        var b = types.Func(bId);
        if (a.Async != b.Async)
            throw Error($"expected {(a.Async ? "async" : "sync")} function, found {(b.Async ? "async" : "sync")} function", offset);
        if (a.ParamTypes.Length != b.ParamTypes.Length)
            throw Error($"expected {b.ParamTypes.Length} parameters, found {a.ParamTypes.Length}", offset);
        for (int i = 0; i < a.ParamTypes.Length; i++)
        {
            string an = a.ParamNames[i], bn = b.ParamNames[i];
            if (!KebabEquals(an, bn)) throw Error($"expected parameter named `{bn}`, found `{an}`", offset);
            int k = i;
            Context($"type mismatch in function parameter `{an}`", () => Value(a.ParamTypes[k], b.ParamTypes[k], offset));
        }
        switch (a.Result, b.Result)
        {
            case ({ } ar, { } br): Context("type mismatch with result type", () => Value(ar, br, offset)); break;
            case (null, null): break;
            case ({ }, null): throw Error("expected a result, found none", offset);
            default: throw Error("expected no result, found one", offset);
        }
    }

    public void ModuleType(ModuleTypeData a, ModuleTypeData b, long offset)
    {
        // Imports are contravariant: everything a needs must be among what b is given.
        foreach (var ((m, n), ai) in a.Imports)
        {
            if (!b.Imports.TryGetValue((m, n), out var bi)) throw Error($"missing expected import `{m}::{n}`", offset);
            Context($"type mismatch in import `{m}::{n}`", () => CoreEntityType(bi, ai, offset));
        }
        foreach (var (name, be) in b.Exports)
        {
            if (!a.Exports.TryGetValue(name, out var ae)) throw Error($"missing expected export `{name}`", offset);
            Context($"type mismatch in export `{name}`", () => CoreEntityType(ae, be, offset));
        }
    }

    /// <summary>Core extern subtyping (functions by equality; tables and memories by limits).</summary>
    public static void CoreEntityType(CoreEntity a, CoreEntity b, long offset)
    {
        if (a.Kind != b.Kind) throw Error($"expected {b.Describe()}, found {a.Describe()}", offset);
        switch (a.Kind)
        {
            case CoreEntityKind.Func or CoreEntityKind.Tag:
                if (!a.Func!.Equals(b.Func))
                    throw Error($"expected: {CoreFuncText(b.Func!)}\nfound:    {CoreFuncText(a.Func!)}", offset);
                break;
            case CoreEntityKind.Table:
                if (a.Table.ElementType != b.Table.ElementType)
                    throw Error($"expected table element type {b.Table.ElementType.ToText()}, found {a.Table.ElementType.ToText()}", offset);
                if (!LimitsMatch(a.Table.Limits, b.Table.Limits)) throw Error("mismatch in table limits", offset);
                break;
            case CoreEntityKind.Memory:
                if (a.Memory.Shared != b.Memory.Shared) throw Error("mismatch in the shared flag for memories", offset);
                if (!LimitsMatch(a.Memory.Limits, b.Memory.Limits)) throw Error("mismatch in memory limits", offset);
                break;
            case CoreEntityKind.Global:
                if (a.Global.Mutable != b.Global.Mutable) throw Error("global types differ in mutability", offset);
                if (a.Global.ValueType != b.Global.ValueType)
                    throw Error($"expected global type {b.Global.ValueType.ToText()}, found {a.Global.ValueType.ToText()}", offset);
                break;
        }
    }

    public static bool LimitsMatch(Limits a, Limits b) =>
        a.Min >= b.Min && (b.Max is not { } bmax || (a.Max is { } amax && amax <= bmax));

    public static string CoreFuncText(FuncType f)
    {
        var sb = new System.Text.StringBuilder("(func");
        if (f.Params.Length > 0) sb.Append(" (param ").Append(string.Join(' ', f.Params.Select(p => p.ToText()))).Append(')');
        if (f.Results.Length > 0) sb.Append(" (result ").Append(string.Join(' ', f.Results.Select(p => p.ToText()))).Append(')');
        return sb.Append(')').ToString();
    }

    public void Value(ResolvedValType a, ResolvedValType b, long offset)
    {
        if (a.IsPrimitive && b.IsPrimitive) { Primitive(a.Primitive, b.Primitive, offset); return; }
        if (!a.IsPrimitive && !b.IsPrimitive) { Defined(a.Type, b.Type, offset); return; }
        if (a.IsPrimitive)
        {
            var bd = types.Defined(b.Type);
            if (bd.Kind != DefinedKind.Primitive) throw Error($"expected {bd.Describe()}, found {a.Primitive.ToText()}", offset);
            Primitive(a.Primitive, bd.Primitive, offset);
        }
        else
        {
            var ad = types.Defined(a.Type);
            if (ad.Kind != DefinedKind.Primitive) throw Error($"expected {b.Primitive.ToText()}, found {ad.Describe()}", offset);
            Primitive(ad.Primitive, b.Primitive, offset);
        }
    }

    private static void Primitive(PrimValType a, PrimValType b, long offset)
    {
        if (a != b) throw Error($"expected primitive `{b.ToText()}` found primitive `{a.ToText()}`", offset);
    }

    private void Defined(TypeId aId, TypeId bId, long offset)
    {
        var a = types.Defined(aId);
        var b = types.Defined(bId);
        if (a.Kind != b.Kind)
        {
            string found = a.Kind == DefinedKind.Primitive ? a.Primitive.ToText()
                : a.Kind == DefinedKind.FixedList ? "list" : a.Describe();
            throw Error($"expected {b.Describe()}, found {found}", offset);
        }
        switch (a.Kind)
        {
            case DefinedKind.Primitive: Primitive(a.Primitive, b.Primitive, offset); break;
            case DefinedKind.Record:
                if (a.Names.Length != b.Names.Length) throw Error($"expected {b.Names.Length} fields, found {a.Names.Length}", offset);
                for (int i = 0; i < a.Names.Length; i++)
                {
                    if (!KebabEquals(a.Names[i], b.Names[i])) throw Error($"expected field name `{b.Names[i]}`, found `{a.Names[i]}`", offset);
                    int k = i;
                    Context($"type mismatch in record field `{a.Names[i]}`", () => Value(a.Types[k]!.Value, b.Types[k]!.Value, offset));
                }
                break;
            case DefinedKind.Variant:
                if (a.Names.Length != b.Names.Length) throw Error($"expected {b.Names.Length} cases, found {a.Names.Length}", offset);
                for (int i = 0; i < a.Names.Length; i++)
                {
                    string an = a.Names[i];
                    if (!KebabEquals(an, b.Names[i])) throw Error($"expected case named `{b.Names[i]}`, found `{an}`", offset);
                    switch (a.Types[i], b.Types[i])
                    {
                        case ({ } at, { } bt): Context($"type mismatch in variant case `{an}`", () => Value(at, bt, offset)); break;
                        case (null, null): break;
                        case (null, { }): throw Error($"expected case `{an}` to have a type, found none", offset);
                        default: throw Error($"expected case `{an}` to have no type", offset);
                    }
                }
                break;
            case DefinedKind.List or DefinedKind.Option:
                Value(a.Types[0]!.Value, b.Types[0]!.Value, offset);
                break;
            case DefinedKind.FixedList:
                if (a.Length != b.Length) throw Error($"expected fixed-length {b.Length}, found size {a.Length}", offset);
                Value(a.Types[0]!.Value, b.Types[0]!.Value, offset);
                break;
            case DefinedKind.Map:
                Context("type mismatch in map key", () => Value(a.Types[0]!.Value, b.Types[0]!.Value, offset));
                Context("type mismatch in map value", () => Value(a.Types[1]!.Value, b.Types[1]!.Value, offset));
                break;
            case DefinedKind.Tuple:
                if (a.Types.Length != b.Types.Length) throw Error($"expected {b.Types.Length} types, found {a.Types.Length}", offset);
                for (int i = 0; i < a.Types.Length; i++)
                {
                    int k = i;
                    Context($"type mismatch in tuple field {i}", () => Value(a.Types[k]!.Value, b.Types[k]!.Value, offset));
                }
                break;
            case DefinedKind.Flags or DefinedKind.Enum:
                if (a.Names.Length != b.Names.Length || !a.Names.Zip(b.Names).All(p => KebabEquals(p.First, p.Second)))
                    throw Error($"mismatch in {(a.Kind == DefinedKind.Flags ? "flags" : "enum")} elements", offset);
                break;
            case DefinedKind.Result:
                Optional(a.Types[0], b.Types[0], "type mismatch in ok variant", offset, "expected ok type, but found none", "expected ok type to not be present");
                Optional(a.Types[1], b.Types[1], "type mismatch in err variant", offset, "expected err type, but found none", "expected err type to not be present");
                break;
            case DefinedKind.Own or DefinedKind.Borrow:
                if (a.Resource.Index != b.Resource.Index) throw Error("resource types are not the same", offset);
                break;
            case DefinedKind.Future:
                Optional(a.Types[0], b.Types[0], "type mismatch in future", offset, "expected future type, but found none", "expected future type to not be present");
                break;
            case DefinedKind.Stream:
                Optional(a.Types[0], b.Types[0], "type mismatch in stream", offset, "expected stream type, but found none", "expected stream type to not be present");
                break;
        }
    }

    private void Optional(ResolvedValType? a, ResolvedValType? b, string context, long offset, string missing, string extra)
    {
        switch (a, b)
        {
            case ({ } at, { } bt): Context(context, () => Value(at, bt, offset)); break;
            case (null, null): break;
            case (null, { }): throw Error(missing, offset);
            default: throw Error(extra, offset);
        }
    }

    /// <summary>
    /// Checks <paramref name="given"/> (arguments by name) against the imports (or exports) of component
    /// type <paramref name="component"/>, and returns the substitution of that component's imported (or
    /// defined) resources by the resources given, plus the type renamings of satisfied type imports.
    /// </summary>
    public Remapping OpenComponentType(OrderedDictionary<string, EntityType> given, TypeId component, bool importing, long offset)
    {
        var ct = types.Component(component);
        var entities = importing ? ct.Imports : ct.Exports;
        var resources = importing ? ct.ImportedResources : ct.DefinedResources;
        var mapping = new Remapping();
        foreach (var (resource, path) in resources)
        {
            var (name, ty) = entities.GetAt(path[0]);
            EntityType? arg = given.TryGetValue(name, out var g) ? g : null;
            bool skip = false;
            for (int i = 1; i < path.Length; i++)
            {
                var (sub, next) = types.Instance(ty.Id).Exports.GetAt(path[i]);
                ty = next;
                if (arg is { Kind: EntityKind.Instance } inst && types.Instance(inst.Id).Exports.TryGetValue(sub, out var e)) arg = e;
                else { skip = true; break; }
            }
            if (skip) continue;
            if (arg is { Kind: EntityKind.Type } t && t.Id.IsResource) mapping.Resources[resource] = t.Id.Index;
        }

        var checks = new List<(string Name, EntityType Actual, EntityType Expected)>();
        foreach (var (name, expected) in entities)
        {
            if (!given.TryGetValue(name, out var actual)) throw Error($"missing {(importing ? "import" : "export")} named `{name}`", offset);
            checks.Add((name, actual, expected));
        }
        var renamings = new Dictionary<TypeId, TypeId>();
        foreach (var (name, actual, expected) in checks)
        {
            var exp = expected;
            types.Remap(ref exp, mapping);
            mapping.Types = [];
            Context($"type mismatch for {(importing ? "import" : "export")} `{name}`", () => Entity(actual, exp, offset));
            RegisterRenamings(actual, exp, renamings);
        }
        mapping.Types = renamings;
        return mapping;
    }

    private void RegisterRenamings(EntityType actual, EntityType expected, Dictionary<TypeId, TypeId> map)
    {
        if (expected.Kind == EntityKind.Type && actual.Kind == EntityKind.Type) map[expected.Id] = actual.Id;
        else if (expected.Kind == EntityKind.Instance && actual.Kind == EntityKind.Instance)
        {
            var a = types.Instance(actual.Id);
            foreach (var (name, e) in types.Instance(expected.Id).Exports)
                RegisterRenamings(a.Exports[name], e, map);
        }
    }

    internal static bool KebabEquals(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static void Context(string context, Action check)
    {
        try { check(); }
        catch (ComponentValidationException e) { throw e.WithContext(context); }
    }

    private static ComponentValidationException Error(string reason, long offset) => new(reason, offset);
}
