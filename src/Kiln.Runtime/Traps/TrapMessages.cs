namespace Kiln.Runtime;

/// <summary>The message text of each trap code, worded as the spec tests' <c>assert_trap</c> expects.</summary>
public static class TrapMessages
{
    // Matched by prefix or substring by script runners: "undefined element" is what the spec says for a
    // call_indirect past the table, "out of bounds table access" for the other table operations, and
    // TableOutOfBounds covers both, so its text carries both phrases.
    private static readonly string[] Messages =
    [
        "no trap",
        "call stack exhausted",
        "out of bounds memory access",
        "undefined element: out of bounds table access",
        "uninitialized element",
        "indirect call type mismatch",
        "integer overflow",
        "integer divide by zero",
        "invalid conversion to integer",
        "unreachable executed",
        "null reference",
        "uninitialized element",
        "host function error",
        "cannot enter component instance",
        "cannot leave component instance",
        "degenerate component adapter called",
        "canonical ABI violation",
    ];

    /// <summary>The spec-style message for <paramref name="code"/>.</summary>
    public static string Of(TrapCode code) =>
        (uint)code < (uint)Messages.Length ? Messages[(int)code] : $"unknown trap code {(int)code}";
}
