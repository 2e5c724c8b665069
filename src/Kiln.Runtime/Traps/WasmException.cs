namespace Kiln.Runtime;

/// <summary>
/// A WebAssembly exception that no handler caught before it reached the host: distinct from a <see cref="Trap"/>
/// (which no wasm code can catch). The exception itself (<see cref="Exception"/>: tag and payload) stays usable.
/// </summary>
public sealed class WasmException : KilnException
{
    internal WasmException(ExceptionObject exception, IReadOnlyList<TrapFrame> backtrace)
        : base($"uncaught wasm exception of {exception.Tag.TypeDescription}")
    {
        Exception = exception;
        Backtrace = backtrace;
    }

    /// <summary>The exception: its tag (compare by identity with an instance's exported tag) and payload.</summary>
    public ExceptionObject Exception { get; }

    /// <summary>The wasm frames it passed through, innermost first.</summary>
    public IReadOnlyList<TrapFrame> Backtrace { get; }
}
