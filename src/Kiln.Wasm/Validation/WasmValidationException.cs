namespace Kiln.Wasm.Validation;

/// <summary>
/// A module that decodes but is not valid. <see cref="Reason"/> starts with the spec tests' wording
/// ("type mismatch", "unknown local", …) so a script runner can match it by prefix; <see cref="Message"/>
/// adds where it happened, e.g. <c>func 3 at offset 0x1a2: type mismatch: expected i32, found f64</c>.
/// </summary>
public sealed class WasmValidationException : KilnException
{
    public WasmValidationException(string reason, string? location = null, uint? functionIndex = null, long? offset = null)
        : base(Format(reason, location, offset))
    {
        Reason = reason;
        Location = location;
        FunctionIndex = functionIndex;
        Offset = offset;
    }

    /// <summary>What is wrong, in the spec tests' wording, possibly followed by details after a colon.</summary>
    public string Reason { get; }

    /// <summary>The module item at fault ("func 3", "global 0", "elem 2", "export \"f\""), when known.</summary>
    public string? Location { get; }

    /// <summary>Index in the function index space of the function whose body is invalid.</summary>
    public uint? FunctionIndex { get; }

    /// <summary>Byte offset of the failing instruction (module offset; code-relative for in-memory modules).</summary>
    public long? Offset { get; }

    private static string Format(string reason, string? location, long? offset) => (location, offset) switch
    {
        (null, null) => reason,
        (null, { } o) => $"at offset 0x{o:x}: {reason}",
        ({ } l, null) => $"{l}: {reason}",
        ({ } l, { } o) => $"{l} at offset 0x{o:x}: {reason}",
    };
}
