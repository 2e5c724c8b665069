namespace Kiln;

/// <summary>
/// The base of every error Kiln reports about the WebAssembly it is given or runs: malformed binaries
/// (<c>WasmDecodeException</c>) and text (<c>WatParseException</c>), invalid modules (<c>WasmValidationException</c>),
/// refused artifacts (<c>ArtifactException</c>), compilation failures (<c>CompileException</c>,
/// <c>SimdNotSupportedException</c>), unresolvable imports (<c>LinkException</c>), store limits
/// (<c>ResourceLimitException</c>), traps (<c>Trap</c>) and a WASI program's exit (<c>WasiExitException</c>).
/// <c>catch (KilnException)</c> catches them all; a wrong use of the API (a null argument, a disposed store,
/// fuel asked of an engine without it) stays a .NET <see cref="ArgumentException"/> or
/// <see cref="InvalidOperationException"/>.
/// </summary>
/// <remarks>
/// It lives in Kiln.Wasm, the lowest assembly that every user-facing error type's assembly already references
/// (Kiln.Compiler and Kiln.Runtime do); the backend never throws to users directly (its errors arrive wrapped in a
/// <c>CompileException</c>), so no separate shared assembly, and no extra package, is needed.
/// </remarks>
public abstract class KilnException : Exception
{
    /// <summary>An error with <paramref name="message"/>.</summary>
    protected KilnException(string message)
        : base(message)
    {
    }

    /// <summary>An error with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    protected KilnException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
