namespace Kiln.Runtime;

/// <summary>
/// Why wasm execution trapped. The numbers equal <c>Kiln.IR.TrapCode</c>'s (which the trap table and
/// <c>kilnrt_trap_raise</c> carry), so a raw code converts with a cast; a test keeps the two in step.
/// </summary>
public enum TrapCode : byte
{
    /// <summary>Not a trap (never reported).</summary>
    None,

    /// <summary>The wasm stack limit was reached (prologue check).</summary>
    StackOverflow,

    /// <summary>A memory access, or a bulk memory operation, outside the memory.</summary>
    HeapOutOfBounds,

    /// <summary>A table access, bulk table operation or call_indirect index outside the table.</summary>
    TableOutOfBounds,

    /// <summary>call_indirect through a null table entry.</summary>
    IndirectCallToNull,

    /// <summary>call_indirect whose callee has another signature.</summary>
    BadSignature,

    /// <summary>Signed division overflow (INT_MIN / -1).</summary>
    IntegerOverflow,

    /// <summary>Integer division or remainder by zero.</summary>
    IntegerDivisionByZero,

    /// <summary>Float-to-integer truncation of NaN or of a value out of range.</summary>
    BadConversionToInteger,

    /// <summary>The unreachable instruction.</summary>
    Unreachable,

    /// <summary>A null reference where one is not allowed.</summary>
    NullReference,

    /// <summary>An uninitialized table element was used.</summary>
    UninitializedElement,

    /// <summary>A host function failed; <see cref="Exception.InnerException"/> says why.</summary>
    HostError,

    /// <summary>Component model: a component instance was entered while its <c>may_enter</c> flag was clear
    /// (re-entrance, or a call before the previous call's post-return).</summary>
    CannotEnterComponent,

    /// <summary>Component model: a component instance called an import or built-in while its <c>may_leave</c> flag
    /// was clear (while its arguments were lowered, or during post-return).</summary>
    CannotLeaveComponent,

    /// <summary>Component model: <c>canon lower</c> of a <c>canon lift</c> of the same component instance was called.</summary>
    AlwaysTrapAdapter,

    /// <summary>Component model: a canonical ABI check failed; the message says which (Wasmtime's wording).</summary>
    ComponentAbi,
}
