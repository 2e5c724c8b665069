using Kiln.Component.Model;
using Kiln.Component.Validation;

namespace Kiln.Compiler.Component;

/// <summary>
/// One component being inlined: its index spaces as run-time definitions, the arguments its imports take,
/// its run-time instance, and how the validator's resource identities in its types map to run-time resources.
/// </summary>
internal sealed class TranslationFrame(WasmComponent component, ComponentScopeTypes scope, TranslationFrame? parent, int instance, IReadOnlyDictionary<string, Item>? args)
{
    public WasmComponent Component { get; } = component;
    public ComponentScopeTypes Scope { get; } = scope;
    /// <summary>The frame the component was defined in (lexical), for outer aliases.</summary>
    public TranslationFrame? Parent { get; } = parent;
    public int Instance { get; } = instance;
    /// <summary>Instantiation arguments; null for the root component (its imports come from the host).</summary>
    public IReadOnlyDictionary<string, Item>? Args { get; } = args;
    public Dictionary<int, int> Resources { get; } = [];

    public List<CoreDef> CoreFuncs { get; } = [];
    public List<CoreDef> CoreTables { get; } = [];
    public List<CoreDef> CoreMemories { get; } = [];
    public List<CoreDef> CoreGlobals { get; } = [];
    public List<CoreDef> CoreTags { get; } = [];
    public List<int> CoreModules { get; } = [];
    public List<CoreInstanceItem> CoreInstances { get; } = [];
    public List<Item> Funcs { get; } = [];
    public List<Item> Types { get; } = [];
    public List<Item> Instances { get; } = [];
    public List<Item> Components { get; } = [];
    public List<Item> Values { get; } = [];
    public OrderedDictionary<string, Item> Exports { get; } = new(StringComparer.Ordinal);

    public List<CoreDef> CoreSpace(CoreSort sort) => sort switch
    {
        CoreSort.Func => CoreFuncs,
        CoreSort.Table => CoreTables,
        CoreSort.Memory => CoreMemories,
        CoreSort.Global => CoreGlobals,
        CoreSort.Tag => CoreTags,
        _ => throw new InvalidOperationException($"core sort {sort} has no definitions"),
    };

    public List<Item> Space(SortKind kind) => kind switch
    {
        SortKind.Func => Funcs,
        SortKind.Type => Types,
        SortKind.Instance => Instances,
        SortKind.Component => Components,
        SortKind.Value => Values,
        _ => throw new InvalidOperationException($"sort {kind} is not a component sort"),
    };

    /// <summary>The item at <paramref name="index"/> of a component sort, or, for core modules, a module item.</summary>
    public Item Get(Sort sort, uint index) => sort.IsCore
        ? sort.Core == CoreSort.Module ? new ModuleItem(CoreModules[(int)index]) : throw new InvalidOperationException($"core sort {sort} is not an item")
        : Space(sort.Kind)[(int)index];
}
