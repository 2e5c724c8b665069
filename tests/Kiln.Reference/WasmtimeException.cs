namespace Kiln.Reference;

/// <summary>
/// An error Wasmtime reported (invalid module or component, link failure, type mismatch in a call, a WASI
/// setting it refused). <see cref="Exception.Message"/> is Wasmtime's own message, unchanged, so tests can
/// show it beside Kiln's; code never branches on its text, only on the exception's type and properties.
/// </summary>
public class WasmtimeException : Exception
{
    public WasmtimeException(string message) : base(message) { }
    public WasmtimeException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// A trap: the guest failed while running (unreachable, out of bounds, out of fuel, interrupted by an epoch,
/// a host function that failed, a canonical ABI check, entering a component instance that trapped before).
/// <see cref="Code"/> is Wasmtime's trap code; it is null when a host function failed (its error is not one of
/// Wasmtime's traps). <see cref="Frames"/> is the wasm backtrace, innermost first.
/// </summary>
public sealed class WasmtimeTrapException : WasmtimeException
{
    public WasmtimeTrapException(string message, WasmtimeTrapCode? code, IReadOnlyList<WasmtimeFrame> frames)
        : base(message)
    {
        Code = code;
        Frames = frames;
    }

    public WasmtimeTrapCode? Code { get; }
    public IReadOnlyList<WasmtimeFrame> Frames { get; }
}

/// <summary>A WASI program ended through <c>proc_exit</c> (preview1) or <c>wasi:cli/exit</c> (preview2).</summary>
public sealed class WasmtimeExitException : WasmtimeException
{
    public WasmtimeExitException(string message, int exitCode) : base(message) => ExitCode = exitCode;

    public int ExitCode { get; }
}

/// <summary>One frame of a wasm backtrace: the function's index in its module and its name, if the module has one.</summary>
public readonly record struct WasmtimeFrame(uint FunctionIndex, string? FunctionName);
