namespace Kiln.Wasm.Model;

/// <summary>A memory's limits in pages, and whether it is shared (the threads proposal's flag: a shared memory
/// must declare a maximum, and imports match only memories with the same flag).</summary>
public readonly record struct MemoryType(Limits Limits, bool Shared = false)
{
    /// <summary>64 KiB: the size of a WebAssembly page.</summary>
    public const ulong PageSize = 65536;

    /// <summary>The largest page count a 32-bit memory may declare (4 GiB).</summary>
    public const ulong MaxPages32 = 65536;

    /// <summary>The text form after the index: <c>min max? shared?</c>.</summary>
    public override string ToString() => Shared ? $"{Limits} shared" : Limits.ToString();
}
