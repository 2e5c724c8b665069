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

    /// <summary>
    /// Compile fuel metering into every module: each executed wasm operator costs one unit (charged per basic
    /// block), and a store whose <see cref="Store.Fuel"/> runs out traps with <see cref="TrapCode.OutOfFuel"/>.
    /// Stores start with no fuel, as in Wasmtime: set <see cref="Store.Fuel"/> before calling into wasm.
    /// </summary>
    public bool ConsumeFuel { get; init; }

    /// <summary>
    /// Compile epoch checks into every module: at function entries and loop headers, code traps with
    /// <see cref="TrapCode.Interrupt"/> once <see cref="Engine.IncrementEpoch"/> has moved the engine's epoch to
    /// the store's deadline (<see cref="Store.SetEpochDeadline"/>; 0, so reached at once, until set, as in Wasmtime).
    /// Cheaper than fuel; meant for timeouts driven by a timer thread.
    /// </summary>
    public bool EpochInterruption { get; init; }

    /// <summary>Most wasm frames a <see cref="Trap"/> keeps in <see cref="Trap.Backtrace"/> (the rest are only counted in
    /// <see cref="Trap.BacktraceDepth"/>); 20 by default, as Wasmtime's <c>wasm_backtrace_max_frames</c>; 0 keeps none.</summary>
    public int WasmBacktraceMaxFrames { get; init; } = 20;

    /// <summary>Wall time one module's compilation may take, or null for no limit; past it the compilation stops with
    /// <see cref="Kiln.Compiler.Driver.CompileBudgetExceededException"/> (<c>-W compile-timeout=</c> on the CLI).</summary>
    public TimeSpan? CompileTimeout { get; init; }

    /// <summary>Managed bytes one module's compilation may allocate, or 0 for no limit; past it the compilation stops with
    /// <see cref="Kiln.Compiler.Driver.CompileBudgetExceededException"/> (<c>-W max-compile-memory=</c> on the CLI). An upper
    /// bound of the memory the compiler holds at once.</summary>
    public long MaxCompileMemory { get; init; }

    /// <summary>Tell an external profiler where generated code lies (<see cref="ProfilingStrategy.PerfMap"/>: append
    /// every module's functions to <c>/tmp/perf-PID.map</c> as they are loaded, as <c>wasmtime --profile=perfmap</c>).</summary>
    public ProfilingStrategy Profiling { get; init; }

    /// <summary>Fails early on nonsensical settings.</summary>
    internal void Validate()
    {
        if (CompilationThreads < 1)
            throw new ArgumentOutOfRangeException(nameof(CompilationThreads), CompilationThreads, "at least one thread");
        if (WasmBacktraceMaxFrames < 0)
            throw new ArgumentOutOfRangeException(nameof(WasmBacktraceMaxFrames), WasmBacktraceMaxFrames, "zero or more frames");
        if (CompileTimeout is { } t && t < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(CompileTimeout), CompileTimeout, "a positive time");
        if (MaxCompileMemory < 0)
            throw new ArgumentOutOfRangeException(nameof(MaxCompileMemory), MaxCompileMemory, "zero (no limit) or more bytes");
        if (MaxWasmStack < 4096)
            throw new ArgumentOutOfRangeException(nameof(MaxWasmStack), MaxWasmStack, "at least 4 KiB of wasm stack");
    }
}
