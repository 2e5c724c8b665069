using Kiln.Wasm.Model;

namespace Kiln.Component.Validation.Types;

public enum CoreEntityKind : byte { Func, Table, Memory, Global, Tag }

/// <summary>The type of a core import or export; <see cref="Func"/> serves functions and tags.</summary>
public readonly record struct CoreEntity(CoreEntityKind Kind, FuncType? Func = null, TableType Table = default, MemoryType Memory = default, GlobalType Global = default)
{
    public string Describe() => Kind switch
    {
        CoreEntityKind.Func => "func",
        CoreEntityKind.Table => "table",
        CoreEntityKind.Memory => "memory",
        CoreEntityKind.Global => "global",
        _ => "tag",
    };
}

/// <summary>The type of a core module: imports by (module, name) and exports by name, in order.</summary>
public sealed class ModuleTypeData
{
    public OrderedDictionary<(string Module, string Name), CoreEntity> Imports { get; } = [];
    public OrderedDictionary<string, CoreEntity> Exports { get; } = new(StringComparer.Ordinal);
}

/// <summary>An entry of the core type index space: a function type, or a module type of the arena.</summary>
public readonly record struct CoreTypeEntry(FuncType? Func, int Module)
{
    public bool IsModule => Func is null;
}
