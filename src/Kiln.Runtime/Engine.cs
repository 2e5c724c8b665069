using System.Collections.Concurrent;
using Kiln.Runtime.Builtins;
using Kiln.Runtime.Native;

namespace Kiln.Runtime;

/// <summary>
/// Shared, thread-safe state for compiling and running modules: the settings, the engine-wide
/// <see cref="TypeRegistry"/>, the builtins table generated code calls through, and the map of loaded code
/// used to turn faults into traps. Any number of <see cref="Store"/>s may use one engine, each on its own thread.
/// Disposable, as Wasmtime's engine is, so the same <c>using</c> shapes work: the engine itself owns no native
/// memory (machine code belongs to each <see cref="Module"/>, everything else to each <see cref="Store"/>; dispose
/// those), and after <see cref="Dispose"/> it refuses new modules, stores and linkers.
/// </summary>
public sealed class Engine : IDisposable
{
    private readonly ConcurrentDictionary<uint, nint> hostTrampolines = new();

    /// <summary>Creates an engine with <paramref name="config"/> (defaults when null).</summary>
    public Engine(EngineConfig? config = null)
    {
        Config = config ?? new EngineConfig();
        Config.Validate();
    }

    /// <summary>Whether <see cref="Dispose"/> was called.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Refuses new modules, stores and linkers from now on; what exists keeps working until disposed itself.</summary>
    public void Dispose() => IsDisposed = true;

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);

    /// <summary>The settings.</summary>
    public EngineConfig Config { get; }

    /// <summary>Canonical function type ids shared by every module and host function of this engine.</summary>
    public TypeRegistry Types { get; } = new();

    /// <summary>Address of the builtins table (native function pointers indexed by <c>Builtin</c>) that every
    /// VMContext header points to.</summary>
    public nint BuiltinsTable => BuiltinTable.Address;

    internal CodeRegistry Code { get; } = new();

    private int _modulesCompiled;

    /// <summary>How many modules this engine has compiled to machine code (not loaded from artifacts): tests pin that
    /// loading an artifact compiles nothing.</summary>
    internal int ModulesCompiled => Volatile.Read(ref _modulesCompiled);

    internal void CountCompilation() => Interlocked.Increment(ref _modulesCompiled);

    // The epoch lives in a pinned array: generated code reads it through a raw pointer in every store context.
    private readonly long[] epoch = GC.AllocateArray<long>(1, pinned: true);

    /// <summary>The engine's current epoch (starts at 0).</summary>
    public ulong CurrentEpoch => (ulong)Volatile.Read(ref epoch[0]);

    /// <summary>
    /// Moves the epoch on by one; code compiled with <see cref="EngineConfig.EpochInterruption"/> in any store whose
    /// deadline this reaches traps with <see cref="TrapCode.Interrupt"/> at its next function entry or loop header.
    /// Thread-safe and cheap: call it from a timer thread.
    /// </summary>
    public void IncrementEpoch() => Interlocked.Increment(ref epoch[0]);

    internal unsafe nint EpochAddress => (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref epoch[0]);

    /// <summary>
    /// Makes a region of loaded code known for trap lookup: a fault inside it maps through its trap table.
    /// The caller keeps the code mapped until <see cref="UnregisterCode"/>.
    /// </summary>
    public void RegisterCode(CodeMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Code.Register(map);
        if (Config.Profiling == ProfilingStrategy.PerfMap)
            PerfMap.Append(map);
    }

    /// <summary>Forgets a region given to <see cref="RegisterCode"/>, and any wasm-to-host trampolines in it
    /// (host functions created afterwards must not point into code about to be unmapped).</summary>
    public void UnregisterCode(CodeMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Code.Unregister(map);
        foreach (var (typeId, trampoline) in hostTrampolines)
        {
            if (map.Contains(trampoline))
                hostTrampolines.TryRemove(typeId, out _);
        }
    }

    /// <summary>
    /// Remembers a wasm-to-host trampoline for canonical type <paramref name="typeId"/> (the first one wins),
    /// so host functions not imported by any module can still be called through tables.
    /// </summary>
    internal void OfferHostTrampoline(uint typeId, nint trampoline)
    {
        if (trampoline != 0)
            hostTrampolines.TryAdd(typeId, trampoline);
    }

    internal nint HostTrampoline(uint typeId) => hostTrampolines.TryGetValue(typeId, out nint t) ? t : 0;

    /// <summary>Makes sure the native runtime is loaded and its fault handlers are installed.</summary>
    internal static void EnsureNativeRuntime() => NativeRuntime.Initialize();
}
