using Kiln.Component.Model;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Model;
using Kiln.Wasm.Validation;

namespace Kiln.Component.Validation;

/// <summary>
/// Validates a component (Explainer.md, Binary.md, CanonicalABI.md), following wasmparser's rules and
/// error wording. Sections are walked once, in order; each definition is checked against the index
/// spaces built so far and then adds its entry. Types are resolved into a <see cref="TypeArena"/>;
/// resources are identities there, fresh per definition, per imported abstract type and per
/// instantiation. Nested core modules are validated by Kiln.Wasm's <see cref="ModuleValidator"/>.
/// Throws <see cref="ComponentValidationException"/> naming the item's byte offset.
/// </summary>
public sealed partial class ComponentValidator
{
    private readonly TypeArena _types = new();
    private readonly List<Scope> _scopes = [];
    private readonly Subtyping _subtyping;
    private ValidatedComponent? _detail;

    private ComponentValidator() => _subtyping = new Subtyping(_types);

    /// <summary>Validates <paramref name="component"/>; returns its resolved type.</summary>
    public static ComponentTypeData Validate(WasmComponent component)
    {
        var v = new ComponentValidator();
        var id = v.ValidateComponent(component);
        return v._types.Component(id);
    }

    /// <summary>Validates <paramref name="component"/> and keeps every definition's resolved index spaces
    /// (for translation, which walks the component again).</summary>
    public static ValidatedComponent ValidateDetailed(WasmComponent component)
    {
        var v = new ComponentValidator();
        v._detail = new ValidatedComponent(v._types);
        v._detail.Id = v.ValidateComponent(component);
        return v._detail;
    }

    private Scope Current => _scopes[^1];

    private TypeId ValidateComponent(WasmComponent component)
    {
        _scopes.Add(new Scope(ScopeKind.Component));
        long endOffset = -1;
        foreach (var section in component.Sections)
        {
            endOffset = section.Offset;
            switch (section)
            {
                case CustomComponentSection: break;
                case CoreModuleSection m: AddCoreModule(m); break;
                case CoreInstanceSection s: foreach (var i in s.Items) AddCoreInstance(i); break;
                case CoreTypeSection s: foreach (var t in s.Items) AddCoreType(t); break;
                case NestedComponentSection n:
                {
                    CheckMax(Current.Components.Count, 1, MaxComponents, "components", n.Offset);
                    var id = ValidateComponent(n.Component);
                    Current.Components.Add(id);
                    break;
                }
                case InstanceSection s: foreach (var i in s.Items) AddInstance(i); break;
                case AliasSection s: foreach (var a in s.Items) AddAlias(a); break;
                case TypeSection s: foreach (var t in s.Items) AddType(t); break;
                case CanonSection s: foreach (var c in s.Items) AddCanonical(c); break;
                case StartSection s: AddStart(s.Start); break;
                case ImportSection s: foreach (var i in s.Items) AddImport(i.Name, i.Type, i.Offset); break;
                case ExportSection s: foreach (var e in s.Items) AddExport(e); break;
                case ValueSection s: foreach (var v in s.Items) AddValue(v); break;
                default: throw new ComponentValidationException($"unexpected section {section.Id}", section.Offset);
            }
        }

        var scope = Current;
        for (int i = 0; i < scope.Values.Count; i++)
            if (!scope.Values[i].Used)
                throw new ComponentValidationException(
                    $"value index {i} was not used as part of an instantiation, start function, or export", endOffset);
        var type = Finish(scope, endOffset);
        _detail?.Record(component, scope);
        _scopes.RemoveAt(_scopes.Count - 1);
        return _types.Push(type);
    }

    // ---- limits (wasmparser's) ----

    private const int MaxTypes = 1_000_000;
    private const int MaxModules = 1_000;
    private const int MaxComponents = 1_000;
    private const int MaxInstances = 1_000;
    private const int MaxValues = 1_000;
    private const int MaxFunctions = 1_000_000;
    private const int MaxExports = 100_000;
    private const int MaxCoreItems = 1_000_000;

    private static void CheckMax(int current, int adding, int max, string what, long offset)
    {
        if ((long)current + adding > max)
            throw new ComponentValidationException(
                max == 0 ? $"{what} count must be zero" : $"{what} count exceeds limit of {max}", offset);
    }

    // ---- index lookups (wasmparser's wording) ----

    private static ComponentValidationException Error(string reason, long offset) => new(reason, offset);

    private CoreTypeEntry CoreTypeAt(Scope s, uint i, long offset) =>
        i < s.CoreTypes.Count ? s.CoreTypes[(int)i] : throw Error($"unknown type {i}: type index out of bounds", offset);

    private TypeId TypeAt(Scope s, uint i, long offset) =>
        i < s.Types.Count ? s.Types[(int)i] : throw Error($"unknown type {i}: type index out of bounds", offset);

    private TypeId TypeAt(uint i, long offset) => TypeAt(Current, i, offset);

    private TypeId FuncTypeAt(uint i, long offset)
    {
        var id = TypeAt(i, offset);
        return id.Kind == TypeKind.Func ? id : throw Error($"type index {i} is not a function type", offset);
    }

    private TypeId DefinedTypeAt(uint i, long offset)
    {
        var id = TypeAt(i, offset);
        return id.Kind == TypeKind.Defined ? id : throw Error($"type index {i} is not a defined type", offset);
    }

    private TypeId ResourceAt(uint i, long offset)
    {
        var id = TypeAt(i, offset);
        return id.IsResource ? id : throw Error($"type index {i} is not a resource type", offset);
    }

    private TypeId FunctionAt(uint i, long offset) =>
        i < Current.Funcs.Count ? Current.Funcs[(int)i] : throw Error($"unknown function {i}: function index out of bounds", offset);

    private TypeId ComponentAt(Scope s, uint i, long offset) =>
        i < s.Components.Count ? s.Components[(int)i] : throw Error($"unknown component {i}: component index out of bounds", offset);

    private TypeId InstanceAt(uint i, long offset) =>
        i < Current.Instances.Count ? Current.Instances[(int)i] : throw Error($"unknown instance {i}: instance index out of bounds", offset);

    /// <summary>Consumes value <paramref name="i"/>: values are linear (🪙), used exactly once.</summary>
    private ResolvedValType UseValue(uint i, long offset)
    {
        var values = Current.Values;
        if (i >= values.Count) throw Error($"unknown value {i}: value index out of bounds", offset);
        if (values[(int)i].Used) throw Error($"value {i} cannot be used more than once", offset);
        values[(int)i] = (values[(int)i].Type, true);
        return values[(int)i].Type;
    }

    private FuncType CoreFunctionAt(uint i, long offset) =>
        i < Current.CoreFuncs.Count ? Current.CoreFuncs[(int)i] : throw Error($"unknown core function {i}: function index out of bounds", offset);

    private int ModuleAt(Scope s, uint i, long offset) =>
        i < s.CoreModules.Count ? s.CoreModules[(int)i] : throw Error($"unknown module {i}: module index out of bounds", offset);

    private OrderedDictionary<string, CoreEntity> CoreInstanceAt(uint i, long offset) =>
        i < Current.CoreInstances.Count ? Current.CoreInstances[(int)i] : throw Error($"unknown core instance {i}: instance index out of bounds", offset);

    private GlobalType GlobalAt(uint i, long offset) =>
        i < Current.CoreGlobals.Count ? Current.CoreGlobals[(int)i] : throw Error($"unknown global {i}: global index out of bounds", offset);

    private TableType TableAt(uint i, long offset) =>
        i < Current.CoreTables.Count ? Current.CoreTables[(int)i] : throw Error($"unknown table {i}: table index out of bounds", offset);

    private MemoryType MemoryAt(uint i, long offset) =>
        i < Current.CoreMemories.Count ? Current.CoreMemories[(int)i] : throw Error($"unknown memory {i}: memory index out of bounds", offset);

    private FuncType TagAt(uint i, long offset) =>
        i < Current.CoreTags.Count ? Current.CoreTags[(int)i] : throw Error($"unknown tag {i}: tag index out of bounds", offset);

    private static void WithContext(string context, Action check)
    {
        try { check(); }
        catch (ComponentValidationException e) { throw e.WithContext(context); }
    }
}
