namespace Kiln.Runtime;

/// <summary>Engine-wide settings, fixed when the <see cref="Engine"/> is created.</summary>
public sealed record EngineConfig
{
    /// <summary>Threads used to compile functions in parallel (at least 1).</summary>
    public int CompilationThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// The most stack wasm code may use per entry from the host, in bytes. The stack limit written into the
    /// store context is the higher of (stack pointer at entry − this) and the thread's stack end plus
    /// <see cref="HostStackReserve"/>.
    /// </summary>
    public nuint MaxWasmStack { get; init; } = 512 * 1024;

    /// <summary>Stack kept free below wasm for host functions and the runtime (bytes, above the native safety margin).</summary>
    public nuint HostStackReserve { get; init; } = 64 * 1024;

    /// <summary>Whether dynamic calls from the host check argument types against the function's type
    /// (off only for trusted embedders that already checked).</summary>
    public bool CheckSignatures { get; init; } = true;

    /// <summary>Fails early on nonsensical settings.</summary>
    internal void Validate()
    {
        if (CompilationThreads < 1)
            throw new ArgumentOutOfRangeException(nameof(CompilationThreads), CompilationThreads, "at least one thread");
        if (MaxWasmStack < 4096)
            throw new ArgumentOutOfRangeException(nameof(MaxWasmStack), MaxWasmStack, "at least 4 KiB of wasm stack");
    }
}
