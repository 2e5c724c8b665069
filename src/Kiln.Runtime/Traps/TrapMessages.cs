namespace Kiln.Runtime;

/// <summary>The message text of each trap code, worded as the spec tests' <c>assert_trap</c> expects.</summary>
public static class TrapMessages
{
    /// <summary>The spec-style message for <paramref name="code"/>.</summary>
    // Matched by prefix or substring by script runners: "undefined element" is what the spec says for a
    // call_indirect past the table, "out of bounds table access" for the other table operations, and
    // TableOutOfBounds covers both, so its text carries both phrases.
    public static string Of(TrapCode code) => code switch
    {
        TrapCode.None => "no trap",
        TrapCode.StackOverflow => "call stack exhausted",
        TrapCode.HeapOutOfBounds => "out of bounds memory access",
        TrapCode.TableOutOfBounds => "undefined element: out of bounds table access",
        TrapCode.IndirectCallToNull => "uninitialized element",
        TrapCode.BadSignature => "indirect call type mismatch",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.IntegerDivisionByZero => "integer divide by zero",
        TrapCode.BadConversionToInteger => "invalid conversion to integer",
        TrapCode.Unreachable => "unreachable executed",
        TrapCode.NullReference => "null reference",
        TrapCode.UninitializedElement => "uninitialized element",
        TrapCode.HostError => "host function error",
        TrapCode.OutOfFuel => "all fuel consumed by WebAssembly",
        TrapCode.Interrupt => "interrupt",
        TrapCode.CannotEnterComponent => "cannot enter component instance",
        TrapCode.CannotLeaveComponent => "cannot leave component instance",
        TrapCode.AlwaysTrapAdapter => "degenerate component adapter called",
        TrapCode.ComponentAbi => "canonical ABI violation",
        _ => $"unknown trap code {(int)code}",
    };
}
