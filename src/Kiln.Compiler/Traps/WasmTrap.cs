using Kiln.IR;

namespace Kiln.Compiler.Traps;

/// <summary>
/// The traps of WebAssembly, as numbered in trap tables: the ones the backend reserves (their IR codes' raw
/// values) and WebAssembly's own, which are IR user codes (<see cref="TrapCode.User"/>). This is the one
/// numbering; the runtime's public trap enum takes its values from here, and <see cref="WasmTraps"/> converts
/// to and from IR codes. The component model adds its traps here as further user codes.
/// </summary>
public enum WasmTrap : byte
{
    None = TrapCode.NoneRaw,
    StackOverflow = TrapCode.StackOverflowRaw,
    HeapOutOfBounds = TrapCode.HeapOutOfBoundsRaw,
    IntegerOverflow = TrapCode.IntegerOverflowRaw,
    IntegerDivisionByZero = TrapCode.IntegerDivisionByZeroRaw,
    BadConversionToInteger = TrapCode.BadConversionToIntegerRaw,
    Unreachable = TrapCode.UnreachableRaw,

    /// <summary>A table index past the table's length (also call_indirect's "undefined element").</summary>
    TableOutOfBounds = TrapCode.UserBase + 0,
    /// <summary>call_indirect through a null entry.</summary>
    IndirectCallToNull = TrapCode.UserBase + 1,
    /// <summary>call_indirect whose callee has another type.</summary>
    BadSignature = TrapCode.UserBase + 2,
    NullReference = TrapCode.UserBase + 3,
    UninitializedElement = TrapCode.UserBase + 4,
    /// <summary>A host function or runtime builtin failed; the runtime holds the reason.</summary>
    HostError = TrapCode.UserBase + 5,
    /// <summary>The store's fuel ran out (fuel metering compiled in).</summary>
    OutOfFuel = TrapCode.UserBase + 6,
    /// <summary>The store's epoch deadline was reached (epoch interruption compiled in).</summary>
    Interrupt = TrapCode.UserBase + 7,

    /// <summary>Component model: an instance was entered while its <c>may_enter</c> flag was clear.</summary>
    CannotEnterComponent = TrapCode.UserBase + 8,
    /// <summary>Component model: an instance called out while its <c>may_leave</c> flag was clear.</summary>
    CannotLeaveComponent = TrapCode.UserBase + 9,
    /// <summary>Component model: <c>canon lower</c> of a <c>canon lift</c> of the same instance was called.</summary>
    AlwaysTrapAdapter = TrapCode.UserBase + 10,
    /// <summary>Component model: a canonical ABI check failed (pointer, length, discriminant, char, handle, …).</summary>
    ComponentAbi = TrapCode.UserBase + 11,
}
