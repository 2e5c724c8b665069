namespace Kiln.Wasm.Model;

public readonly record struct MemoryType(Limits Limits)
{
    /// <summary>64 KiB: the size of a WebAssembly page.</summary>
    public const ulong PageSize = 65536;

    /// <summary>The largest page count a 32-bit memory may declare (4 GiB).</summary>
    public const ulong MaxPages32 = 65536;
}
