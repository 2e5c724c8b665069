namespace Kiln.Compiler.VmContext;

/// <summary>
/// <c>VMMemoryDefinition</c>: owned by the memory object (native memory that never moves), pointed to by the
/// VMContext of every instance that defines or imports the memory. Written only by the runtime (at creation
/// and on grow); generated code reads it.
/// </summary>
public static class VMMemoryDefinition
{
    /// <summary>Start of the linear memory. A 32-bit memory is a reservation of
    /// <see cref="VmContextLayout.MemoryReservation"/> plus <see cref="VmContextLayout.MemoryGuard"/> bytes that
    /// never moves, so code may load this once per function.</summary>
    public const int Base = 0;

    /// <summary>Current size in bytes (u64, a multiple of 64 KiB); changes on grow, so reload it every time.</summary>
    public const int LengthInBytes = 8;

    public const int Size = 16;
}

/// <summary>
/// <c>VMTableDefinition</c>: owned by the table object, pointed to by every VMContext that defines or imports
/// the table. Written by the runtime (creation, grow); code reads it and reads/writes the elements.
/// </summary>
public static class VMTableDefinition
{
    /// <summary>Pointer to an array of 8-byte entries. funcref entries point to a <see cref="VMFuncRef"/> or are 0;
    /// externref entries are opaque host handles, 0 = null. The array may move on grow: reload on every access.</summary>
    public const int Elements = 0;

    /// <summary>Number of elements (u32).</summary>
    public const int CurrentLength = 8;

    public const int Size = 16;
}

/// <summary>
/// <c>VMFuncRef</c>: what a funcref value points to. One per function (imported and defined) lives inline in
/// the VMContext, written by the runtime at instantiation; tables and funcref globals hold pointers to them.
/// </summary>
public static class VMFuncRef
{
    /// <summary>Code in the wasm calling convention: <c>(callee_vmctx: iptr, params...) -> results</c>.</summary>
    public const int Code = 0;

    /// <summary>The callee's vmctx (its instance's VMContext, or a <see cref="VMHostFuncContext"/> for host functions).</summary>
    public const int Vmctx = 8;

    /// <summary>Engine-wide canonical signature id (u32), compared by call_indirect.</summary>
    public const int TypeId = 16;

    public const int Size = 24;
}

/// <summary><c>VMImportedFunction</c>: one per imported function, inline in the importer's VMContext, written at instantiation.</summary>
public static class VMImportedFunction
{
    /// <summary>Code in the wasm calling convention (for a host function: its wasm-to-host trampoline).</summary>
    public const int Code = 0;

    /// <summary>vmctx to pass as the callee's first argument.</summary>
    public const int Vmctx = 8;

    public const int Size = 16;
}

/// <summary>
/// <c>VMStoreContext</c>: per store (shared by all its instances), pointed to from every VMContext header.
/// The runtime writes the stack limit on each entry from the host on a thread (a store runs on one thread at
/// a time); every wasm prologue reads it. The fuel and epoch fields are read only by code compiled with fuel
/// metering or epoch interruption.
/// </summary>
public static class VMStoreContext
{
    /// <summary>Lowest stack address wasm code may use (<c>kilnrt_stack_limit</c>); prologues trap below it.</summary>
    public const int StackLimit = 0;

    /// <summary>Fuel consumed (i64), counting up from minus the fuel left: code adds each basic block's cost and traps
    /// <c>out_of_fuel</c> at function entries and loop headers once it is ≥ 0 (so one add and one compare, as
    /// Wasmtime's <c>fuel_consumed</c>). The runtime writes −n on <c>Store.Fuel = n</c>.</summary>
    public const int FuelConsumed = 8;

    /// <summary>The epoch (u64) at which code traps <c>interrupt</c>, checked at function entries and loop headers.</summary>
    public const int EpochDeadline = 16;

    /// <summary>Pointer to the engine's current epoch (u64), which <c>Engine.IncrementEpoch</c> bumps from any thread.</summary>
    public const int EpochCounter = 24;

    public const int Size = 32;
}

/// <summary>
/// <c>VMHostFuncContext</c>: the "vmctx" of a host function (what an import slot or VMFuncRef of a host function
/// carries). Written by the runtime; read by the wasm-to-host trampoline.
/// </summary>
public static class VMHostFuncContext
{
    /// <summary>The dispatcher: <c>int32 (*)(void* hostContext, ValueSlot* args, int32 count)</c>, 0 = success;
    /// any other status makes the trampoline trap with <c>host_error</c> (the runtime keeps the reason).</summary>
    public const int Dispatcher = 0;

    /// <summary>Opaque handle the dispatcher receives (which delegate, which store).</summary>
    public const int HostContext = 8;

    public const int Size = 16;
}

/// <summary>
/// A 16-byte value slot, the unit of the argument/result arrays of trampolines and of global storage:
/// i32 and f32 in the low 4 bytes, i64/f64/references in the low 8 (little-endian), v128 in all 16.
/// </summary>
public static class ValueSlot
{
    public const int Size = 16;
}
