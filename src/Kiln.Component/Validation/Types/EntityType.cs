namespace Kiln.Component.Validation.Types;

public enum EntityKind : byte { Module, Func, Value, Type, Instance, Component }

/// <summary>
/// The type of an import, export or instantiation argument (wasmparser's <c>ComponentEntityType</c>).
/// <see cref="Id"/> is the func, instance or component type; for a <c>type</c> entity it is the type the
/// declaration <em>created</em> (a fresh identity for <c>eq</c> bounds, a fresh resource for
/// <c>sub resource</c>) and <see cref="Referenced"/> the type it stands for. <see cref="Module"/> is a
/// module type of the arena; <see cref="Value"/> a value's type.
/// </summary>
public readonly record struct EntityType(EntityKind Kind, TypeId Id = default, TypeId Referenced = default, int Module = 0, ResolvedValType Value = default)
{
    public static EntityType OfModule(int module) => new(EntityKind.Module, Module: module);
    public static EntityType OfFunc(TypeId id) => new(EntityKind.Func, id);
    public static EntityType OfValue(ResolvedValType v) => new(EntityKind.Value, Value: v);
    public static EntityType OfType(TypeId created, TypeId referenced) => new(EntityKind.Type, created, referenced);
    public static EntityType OfInstance(TypeId id) => new(EntityKind.Instance, id);
    public static EntityType OfComponent(TypeId id) => new(EntityKind.Component, id);

    public string Describe() => Kind switch
    {
        EntityKind.Module => "module",
        EntityKind.Func => "func",
        EntityKind.Value => "value",
        EntityKind.Type => "type",
        EntityKind.Instance => "instance",
        _ => "component",
    };
}

/// <summary>
/// The type of a component: its imports and exports by name, in order, and where its resources are.
/// <see cref="ImportedResources"/> are the type variables its imports introduce, each with the path
/// (import index, then export indices through nested instance types) at which it is found;
/// <see cref="DefinedResources"/> the resources it defines and exports (fresh per instantiation), with
/// their export paths; <see cref="ExplicitResources"/> every resource exported by name, with its path.
/// </summary>
public sealed class ComponentTypeData
{
    public OrderedDictionary<string, EntityType> Imports { get; init; } = new(StringComparer.Ordinal);
    public OrderedDictionary<string, EntityType> Exports { get; init; } = new(StringComparer.Ordinal);
    public List<(int Resource, int[] Path)> ImportedResources { get; init; } = [];
    public List<(int Resource, int[] Path)> DefinedResources { get; init; } = [];
    public OrderedDictionary<int, int[]> ExplicitResources { get; init; } = [];
    public TypeInfo Info { get; init; } = TypeInfo.Leaf;

    public ComponentTypeData Clone() => new()
    {
        Imports = new(Imports, StringComparer.Ordinal),
        Exports = new(Exports, StringComparer.Ordinal),
        ImportedResources = [.. ImportedResources],
        DefinedResources = [.. DefinedResources],
        ExplicitResources = new(ExplicitResources),
        Info = Info,
    };
}

/// <summary>
/// The type of an instance. <see cref="DefinedResources"/> is non-empty only for a declared instance
/// type (<c>(export "r" (type (sub resource)))</c> inside it introduces an abstract resource); a concrete
/// instance's resources belong to the component around it.
/// </summary>
public sealed class InstanceTypeData
{
    public OrderedDictionary<string, EntityType> Exports { get; init; } = new(StringComparer.Ordinal);
    public List<int> DefinedResources { get; init; } = [];
    public OrderedDictionary<int, int[]> ExplicitResources { get; init; } = [];
    public TypeInfo Info { get; init; } = TypeInfo.Leaf;

    public InstanceTypeData Clone() => new()
    {
        Exports = new(Exports, StringComparer.Ordinal),
        DefinedResources = [.. DefinedResources],
        ExplicitResources = new(ExplicitResources),
        Info = Info,
    };
}
