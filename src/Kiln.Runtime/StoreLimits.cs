using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>Resource limits of one <see cref="Store"/>; growth beyond them fails as wasm growth fails (-1).</summary>
public sealed record StoreLimits
{
    /// <summary>Largest size of any one memory, in bytes (the wasm maximum of 4 GiB by default).</summary>
    public ulong MaxMemoryBytes { get; init; } = MemoryType.MaxPages32 * MemoryType.PageSize;

    /// <summary>Largest number of elements of any one table.</summary>
    public uint MaxTableElements { get; init; } = 10_000_000;

    /// <summary>Most instances the store may hold.</summary>
    public int MaxInstances { get; init; } = 10_000;

    /// <summary>No limits beyond the wasm ones.</summary>
    public static StoreLimits Default { get; } = new();
}
