namespace Kiln.Component.Validation;

/// <summary>
/// A component that decodes but is not valid. <see cref="Reason"/> uses wasmparser's wording (the
/// component-model tests' <c>assert_invalid</c> texts are substrings of it); when a subtype check fails
/// deep inside a type, outer lines name where ("type mismatch for import `a`") and the last line says
/// what, as wasmparser prints its context chain. <see cref="Offset"/> is the failing item's byte offset
/// (-1 for components built from text or by hand).
/// </summary>
public sealed class ComponentValidationException : KilnException
{
    public ComponentValidationException(string reason, long offset)
        : base(offset >= 0 ? $"{reason} (at offset 0x{offset:x})" : reason)
    {
        Reason = reason;
        Offset = offset;
    }

    public string Reason { get; }

    public long Offset { get; }

    /// <summary>The same error with a line of context put in front, as a subtype check unwinds.</summary>
    public ComponentValidationException WithContext(string context) => new($"{context}\n{Reason}", Offset);
}
