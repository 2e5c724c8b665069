using System.Runtime.InteropServices;
using Kiln.Compiler.VmContext;
using Kiln.Runtime.Internal;
using Kiln.Runtime.Native;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// Owns everything instances create or the host defines for them: instances, memories, tables, globals,
/// host functions and the native memory behind them. A store is used by one thread at a time; separate
/// stores may run on separate threads at once. Dispose it to free its native memory deterministically
/// (an undisposed store's memory is freed by finalizers once nothing references it).
/// </summary>
public sealed unsafe class Store : IDisposable
{
    // The thread's stack floor and the reserve it was computed with (engines may differ in reserve).
    [ThreadStatic]
    private static StackFloor t_stackFloor;

    private struct StackFloor
    {
        public nuint Floor;
        public nuint Reserve;
    }

    private readonly List<SafeHandle> owned = [];
    private readonly List<Instance> instances = [];
    private readonly List<object> kept = [];
    private readonly Dictionary<nint, Func> funcRefs = [];
    private readonly List<object> externObjects = [];
    private readonly Dictionary<object, nint> externHandles = new(ReferenceEqualityComparer.Instance);
    private readonly NativeBlock storeContext;
    private int executionDepth;

    /// <summary>Creates an empty store on <paramref name="engine"/>.</summary>
    public Store(Engine engine, StoreLimits? limits = null, object? data = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.ThrowIfDisposed();
        Engine = engine;
        Limits = limits ?? StoreLimits.Default;
        Data = data;
        storeContext = Own(NativeBlock.Allocate(VMStoreContext.Size));
        stackLimitSlot = (nuint*)(storeContext.Address + VMStoreContext.StackLimit);
        hostStackReserve = engine.Config.HostStackReserve;
        maxWasmStack = engine.Config.MaxWasmStack;
        *(nint*)(storeContext.Address + VMStoreContext.EpochCounter) = engine.EpochAddress;
        // Fuel 0 and deadline 0 (NativeBlock zeroes): as in Wasmtime, a bounded store runs nothing until told how far.
    }

    /// <summary>
    /// The fuel left (<see cref="EngineConfig.ConsumeFuel"/> only). A new store has none; each executed wasm
    /// operator costs one unit, and code traps with <see cref="TrapCode.OutOfFuel"/> at the next function entry or
    /// loop header once it is used up. Readable from host functions (exact at every call).
    /// </summary>
    /// <exception cref="InvalidOperationException">The engine does not meter fuel.</exception>
    public ulong Fuel
    {
        get
        {
            ThrowIfDisposed();
            RequireFuel();
            long consumed = *(long*)(storeContext.Address + VMStoreContext.FuelConsumed);
            return consumed >= 0 ? 0 : (ulong)-consumed;
        }
        set
        {
            ThrowIfDisposed();
            RequireFuel();
            *(long*)(storeContext.Address + VMStoreContext.FuelConsumed) = -(long)Math.Min(value, long.MaxValue);
        }
    }

    private void RequireFuel()
    {
        if (!Engine.Config.ConsumeFuel)
            throw new InvalidOperationException("fuel is not enabled: create the engine with EngineConfig.ConsumeFuel = true");
    }

    /// <summary>
    /// Sets the deadline <paramref name="ticksBeyondCurrent"/> epochs after the engine's current one
    /// (<see cref="EngineConfig.EpochInterruption"/> only): code traps with <see cref="TrapCode.Interrupt"/> once
    /// <see cref="Engine.IncrementEpoch"/> has been called that many times.
    /// </summary>
    /// <exception cref="InvalidOperationException">The engine has no epoch interruption.</exception>
    public void SetEpochDeadline(ulong ticksBeyondCurrent)
    {
        ThrowIfDisposed();
        if (!Engine.Config.EpochInterruption)
            throw new InvalidOperationException("epoch interruption is not enabled: create the engine with EngineConfig.EpochInterruption = true");
        ulong now = Engine.CurrentEpoch;
        *(ulong*)(storeContext.Address + VMStoreContext.EpochDeadline) = ticksBeyondCurrent > ulong.MaxValue - now ? ulong.MaxValue : now + ticksBeyondCurrent;
    }

    // Read on every outermost entry into wasm, so kept at hand rather than reached through Engine.Config.
    private readonly nuint* stackLimitSlot;
    private readonly nuint hostStackReserve;
    private readonly nuint maxWasmStack;

    /// <summary>The engine this store belongs to.</summary>
    public Engine Engine { get; }

    /// <summary>Resource limits.</summary>
    public StoreLimits Limits { get; }

    /// <summary>Asked before every memory or table growth that the limits allow; null (the default) allows all.</summary>
    public IResourceLimiter? Limiter { get; set; }

    /// <summary>Embedder state, reachable from host functions through <see cref="Caller.Store"/>.</summary>
    public object? Data { get; set; }

    /// <summary>Whether <see cref="Dispose"/> was called.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>The instances created in this store, in creation order (including ones whose
    /// instantiation trapped after allocating, whose effects on shared state remain).</summary>
    public IReadOnlyList<Instance> Instances => instances;

    /// <summary>Address of this store's VMStoreContext (stack limit), which every VMContext header points to.</summary>
    internal nint StoreContext => storeContext.Address;

    /// <summary>Frees all native memory of the store; its objects are unusable afterwards.</summary>
    public void Dispose()
    {
        if (IsDisposed)
            return;
        IsDisposed = true;
        // Reverse order: VMContexts and contexts go before the memories and handles they point to.
        for (int i = owned.Count - 1; i >= 0; i--)
            owned[i].Dispose();
        owned.Clear();
        funcRefs.Clear();
        externObjects.Clear();
        externHandles.Clear();
        kept.Clear();
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);

    /// <summary>Makes the store responsible for freeing <paramref name="handle"/>.</summary>
    internal T Own<T>(T handle)
        where T : SafeHandle
    {
        if (IsDisposed)
        {
            handle.Dispose();
            ThrowIfDisposed();
        }
        owned.Add(handle);
        return handle;
    }

    internal void AddInstance(Instance instance) => instances.Add(instance);

    /// <summary>Keeps <paramref name="target"/> alive as long as the store (targets of weak handles in native data).</summary>
    internal void KeepAlive(object target) => kept.Add(target);

    internal void CheckInstanceLimit()
    {
        if (instances.Count >= Limits.MaxInstances)
            throw new ResourceLimitException($"the store's limit of {Limits.MaxInstances} instances is reached");
    }

    /// <summary>Remembers which <see cref="Func"/> a VMFuncRef address stands for, for references read back by the host.</summary>
    internal void RegisterFuncRef(nint vmFuncRef, Func func) => funcRefs[vmFuncRef] = func;

    /// <summary>The exception a host function or builtin raised, kept until the trap reaches the embedder.</summary>
    internal Exception? PendingException { get; set; }

    internal Exception? TakePendingException()
    {
        var e = PendingException;
        PendingException = null;
        return e;
    }

    /// <summary>The raw 8-byte form of a reference value (VMFuncRef address or extern handle; 0 is null).</summary>
    internal nint ReferenceToRaw(in Value value)
    {
        switch (value.Type)
        {
            case ValType.FuncRef:
                if (value.Reference is not Func f)
                    return 0;
                if (f.Store != this)
                    throw new ArgumentException("the function belongs to another store");
                return f.FuncRefAddress;
            case ValType.ExternRef:
                return ExternToRaw(value.Reference);
            case ValType.ExnRef:
                return value.Reference is ExceptionObject e ? ExceptionToRaw(e) : 0;
            default:
                throw new ArgumentException($"{value.Type.ToText()} is not a reference type");
        }
    }

    /// <summary>A reference value from its raw form.</summary>
    internal Value ReferenceFromRaw(ValType type, nint raw) => type switch
    {
        ValType.FuncRef => Value.FuncRef(FuncFromRaw(raw)),
        ValType.ExternRef => Value.ExternRef(ExternFromRaw(raw)),
        ValType.ExnRef => Value.ExnRef(ExceptionFromRaw(raw)),
        _ => throw new ArgumentException($"{type.ToText()} is not a reference type"),
    };

    // Exceptions thrown in this store, by exnref handle (1-based: 0 is null). Kept for the store's lifetime, as
    // externrefs are: an exnref may be stored in a table or global and rethrown any time later.
    private readonly List<ExceptionObject> exceptions = [];
    private readonly Dictionary<ExceptionObject, nint> exceptionHandles = new(ReferenceEqualityComparer.Instance);

    internal nint ExceptionToRaw(ExceptionObject e)
    {
        if (e.Tag.Store != this)
            throw new ArgumentException("the exception belongs to another store");
        if (!exceptionHandles.TryGetValue(e, out nint handle))
        {
            exceptions.Add(e);
            handle = exceptions.Count;
            exceptionHandles.Add(e, handle);
        }
        return handle;
    }

    internal ExceptionObject? ExceptionFromRaw(nint raw)
    {
        if (raw == 0)
            return null;
        return (nuint)raw <= (nuint)exceptions.Count
            ? exceptions[(int)raw - 1]
            : throw new InvalidOperationException($"0x{raw:x} is not an exnref of this store");
    }

    internal Func? FuncFromRaw(nint raw)
    {
        if (raw == 0)
            return null;
        return funcRefs.TryGetValue(raw, out var f)
            ? f
            : throw new InvalidOperationException($"0x{raw:x} is not a function reference of this store");
    }

    internal nint ExternToRaw(object? value)
    {
        if (value is null)
            return 0;
        if (!externHandles.TryGetValue(value, out nint handle))
        {
            externObjects.Add(value);
            handle = externObjects.Count; // 1-based: 0 is null
            externHandles.Add(value, handle);
        }
        return handle;
    }

    internal object? ExternFromRaw(nint raw)
    {
        if (raw == 0)
            return null;
        return (nuint)raw <= (nuint)externObjects.Count
            ? externObjects[(int)raw - 1]
            : throw new InvalidOperationException($"0x{raw:x} is not an externref of this store");
    }

    /// <summary>
    /// Called before entering wasm from the host: on the outermost entry, writes the stack limit for this thread
    /// into the store context. Nested entries (from host functions) keep the outer limit, so
    /// <see cref="EngineConfig.MaxWasmStack"/> bounds the whole activation.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal void EnterWasm()
    {
        ThrowIfDisposed();
        if (executionDepth == 0)
            SetStackLimit();
        executionDepth++;
    }

    private void SetStackLimit()
    {
        ref var thread = ref t_stackFloor;
        nuint floor = thread.Floor;
        if (floor == 0 || thread.Reserve != hostStackReserve)
        {
            thread.Floor = floor = NativeRuntime.StackLimit(hostStackReserve);
            thread.Reserve = hostStackReserve;
        }
        byte here = 0;
        nuint sp = (nuint)(&here);
        nuint max = maxWasmStack;
        *stackLimitSlot = sp > max && sp - max > floor ? sp - max : floor;
    }

    internal void LeaveWasm() => executionDepth--;

    /// <summary>The stack limit currently written in the store context.</summary>
    internal nuint StackLimit
    {
        get
        {
            ThrowIfDisposed();
            return *stackLimitSlot;
        }
    }
}
