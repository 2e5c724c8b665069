using Kiln.Compiler.Traps;

namespace Kiln.Runtime;

/// <summary>
/// Why wasm execution trapped. Each value is <see cref="WasmTrap"/>'s (the one numbering, which the trap table and
/// <c>kilnrt_trap_raise</c> carry), by construction, so a raw code converts with a cast.
/// </summary>
public enum TrapCode : byte
{
    /// <summary>Not a trap (never reported).</summary>
    None = (byte)WasmTrap.None,

    /// <summary>The wasm stack limit was reached (prologue check).</summary>
    StackOverflow = (byte)WasmTrap.StackOverflow,

    /// <summary>A memory access, or a bulk memory operation, outside the memory.</summary>
    HeapOutOfBounds = (byte)WasmTrap.HeapOutOfBounds,

    /// <summary>A table access, bulk table operation or call_indirect index outside the table.</summary>
    TableOutOfBounds = (byte)WasmTrap.TableOutOfBounds,

    /// <summary>call_indirect through a null table entry.</summary>
    IndirectCallToNull = (byte)WasmTrap.IndirectCallToNull,

    /// <summary>call_indirect whose callee has another signature.</summary>
    BadSignature = (byte)WasmTrap.BadSignature,

    /// <summary>Signed division overflow (INT_MIN / -1).</summary>
    IntegerOverflow = (byte)WasmTrap.IntegerOverflow,

    /// <summary>Integer division or remainder by zero.</summary>
    IntegerDivisionByZero = (byte)WasmTrap.IntegerDivisionByZero,

    /// <summary>Float-to-integer truncation of NaN or of a value out of range.</summary>
    BadConversionToInteger = (byte)WasmTrap.BadConversionToInteger,

    /// <summary>The unreachable instruction.</summary>
    Unreachable = (byte)WasmTrap.Unreachable,

    /// <summary>A null reference where one is not allowed.</summary>
    NullReference = (byte)WasmTrap.NullReference,

    /// <summary>An uninitialized table element was used.</summary>
    UninitializedElement = (byte)WasmTrap.UninitializedElement,

    /// <summary>A host function failed; <see cref="Exception.InnerException"/> says why.</summary>
    HostError = (byte)WasmTrap.HostError,

    /// <summary>The store's fuel ran out (<see cref="EngineConfig.ConsumeFuel"/>, <see cref="Store.Fuel"/>).</summary>
    OutOfFuel = (byte)WasmTrap.OutOfFuel,

    /// <summary>The store's epoch deadline was reached (<see cref="EngineConfig.EpochInterruption"/>,
    /// <see cref="Store.SetEpochDeadline"/>, <see cref="Engine.IncrementEpoch"/>).</summary>
    Interrupt = (byte)WasmTrap.Interrupt,

    /// <summary>Component model: a component instance was entered while its <c>may_enter</c> flag was clear
    /// (re-entrance, or a call before the previous call's post-return).</summary>
    CannotEnterComponent = (byte)WasmTrap.CannotEnterComponent,

    /// <summary>Component model: a component instance called an import or built-in while its <c>may_leave</c> flag
    /// was clear (while its arguments were lowered, or during post-return).</summary>
    CannotLeaveComponent = (byte)WasmTrap.CannotLeaveComponent,

    /// <summary>Component model: <c>canon lower</c> of a <c>canon lift</c> of the same component instance was called.</summary>
    AlwaysTrapAdapter = (byte)WasmTrap.AlwaysTrapAdapter,

    /// <summary>Component model: a canonical ABI check failed; the message says which (Wasmtime's wording).</summary>
    ComponentAbi = (byte)WasmTrap.ComponentAbi,
}
