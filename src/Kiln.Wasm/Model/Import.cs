namespace Kiln.Wasm.Model;

/// <summary>An import. Exactly one of the descriptors is meaningful, chosen by <see cref="Kind"/>.</summary>
public sealed record Import(string ModuleName, string Name, ExternalKind Kind)
{
    /// <summary>Type index, for function imports and tag imports (a tag's type is a function type without results).</summary>
    public uint FuncTypeIndex { get; init; }
    public TableType Table { get; init; }
    public MemoryType Memory { get; init; }
    public GlobalType Global { get; init; }
}
