using Kiln.Component.Validation.Types;
using Kiln.Wasm.Model;

namespace Kiln.Component.Validation;

/// <summary>What a scope is: a component, or the inside of a component or instance type.</summary>
internal enum ScopeKind : byte { Component, ComponentType, InstanceType }

/// <summary>
/// The index spaces and bookkeeping of one component, component type or instance type while it is
/// validated. Every space grows one definition at a time; nested components and types get their own
/// scope on the validator's stack, reached from inside only through outer aliases.
/// </summary>
internal sealed class Scope(ScopeKind kind)
{
    public ScopeKind Kind { get; } = kind;

    // Core index spaces.
    public List<CoreTypeEntry> CoreTypes { get; } = [];
    public List<FuncType> CoreFuncs { get; } = [];
    public List<FuncType> CoreTags { get; } = [];
    public List<int> CoreModules { get; } = [];
    public List<OrderedDictionary<string, CoreEntity>> CoreInstances { get; } = [];
    public List<MemoryType> CoreMemories { get; } = [];
    public List<TableType> CoreTables { get; } = [];
    public List<GlobalType> CoreGlobals { get; } = [];

    // Component index spaces.
    public List<TypeId> Types { get; } = [];
    public List<TypeId> Funcs { get; } = [];
    /// <summary>Values (🪙) with whether they were consumed: each must be used exactly once.</summary>
    public List<(ResolvedValType Type, bool Used)> Values { get; } = [];
    public List<TypeId> Instances { get; } = [];
    public List<TypeId> Components { get; } = [];

    public OrderedDictionary<string, EntityType> Imports { get; } = new(StringComparer.Ordinal);
    public OrderedDictionary<string, EntityType> Exports { get; } = new(StringComparer.Ordinal);
    /// <summary>Strong uniqueness: uniqueness key → the name first seen with it.</summary>
    public Dictionary<string, string> ImportNames { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> ExportNames { get; } = new(StringComparer.Ordinal);

    public bool HasStart { get; set; }
    public TypeInfo Info { get; set; } = TypeInfo.Leaf;

    /// <summary>Resources introduced by imports (type variables), with their import paths.</summary>
    public OrderedDictionary<int, int[]> ImportedResources { get; } = [];
    /// <summary>Resources defined in or under this component; the value says whether its representation is known here.</summary>
    public OrderedDictionary<int, bool> DefinedResources { get; } = [];
    /// <summary>Resources exported by name, with their export paths.</summary>
    public OrderedDictionary<int, int[]> ExplicitResources { get; } = [];

    /// <summary>Types that exports (imports) may mention: those exported or imported so far.</summary>
    public HashSet<TypeId> ExportedTypes { get; } = [];
    public HashSet<TypeId> ImportedTypes { get; } = [];

    public ResourceNames ExportedResourceNames { get; } = new();
    public ResourceNames ImportedResourceNames { get; } = new();

    /// <summary>The core type of <c>context.get/set</c> slots, once one is seen.</summary>
    public ValType? ContextType { get; set; }
}

/// <summary>The names under which top-level resources were imported (or exported), to check
/// <c>[constructor]r</c>, <c>[method]r.m</c> and <c>[static]r.m</c> against.</summary>
internal sealed class ResourceNames
{
    private readonly Dictionary<TypeId, string> _byResource = [];
    private readonly HashSet<string> _all = new(StringComparer.Ordinal);

    public void Register(string name, TypeId resource)
    {
        _byResource[resource] = name;
        _all.Add(name);
    }

    public string? NameOf(TypeId resource) => _byResource.GetValueOrDefault(resource);

    public bool Knows(string name) => _all.Contains(name);
}
