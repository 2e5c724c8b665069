namespace Kiln.IR;

/// <summary>
/// Why an instruction traps. Memory instructions carry one so the backend can record a trap-table entry
/// for the faulting instruction; <see cref="None"/> (printed <c>notrap</c>) promises the access cannot fault.
/// The byte leaves room for more codes.
/// </summary>
public enum TrapCode : byte
{
    None,
    StackOverflow,
    HeapOutOfBounds,
    TableOutOfBounds,
    IndirectCallToNull,
    BadSignature,
    IntegerOverflow,
    IntegerDivisionByZero,
    BadConversionToInteger,
    Unreachable,
    NullReference,
    UninitializedElement,

    /// <summary>A host function (or runtime builtin) failed; the runtime holds the reason.</summary>
    HostError,

    /// <summary>Component model: a component instance was entered while its <c>may_enter</c> flag was clear.</summary>
    CannotEnterComponent,

    /// <summary>Component model: a component instance called out while its <c>may_leave</c> flag was clear.</summary>
    CannotLeaveComponent,

    /// <summary>Component model: <c>canon lower</c> of a <c>canon lift</c> of the same instance was called.</summary>
    AlwaysTrapAdapter,

    /// <summary>Component model: a canonical ABI check failed (pointer, length, discriminant, char, handle, …).</summary>
    ComponentAbi,
}

/// <summary>Text names of trap codes.</summary>
public static class TrapCodes
{
    private static readonly string[] Names =
    [
        "notrap", "stack_overflow", "heap_out_of_bounds", "table_out_of_bounds", "indirect_call_to_null",
        "bad_signature", "integer_overflow", "integer_division_by_zero", "bad_conversion_to_integer",
        "unreachable", "null_reference", "uninitialized_element", "host_error",
        "cannot_enter_component", "cannot_leave_component", "always_trap_adapter", "component_abi",
    ];

    public static string Name(this TrapCode c) => Names[(int)c];

    public static bool TryParse(ReadOnlySpan<char> s, out TrapCode code)
    {
        for (int i = 0; i < Names.Length; i++)
        {
            if (s.SequenceEqual(Names[i]))
            {
                code = (TrapCode)i;
                return true;
            }
        }
        code = TrapCode.None;
        return false;
    }
}
