namespace Kiln.Runtime;

/// <summary>
/// A WebAssembly trap: execution (or instantiation) stopped at an instruction that cannot proceed.
/// A host function's exception arrives as a trap with <see cref="TrapCode.HostError"/> and the exception
/// as <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class Trap : Exception
{
    /// <summary>A trap with the spec message for <paramref name="code"/>.</summary>
    public Trap(TrapCode code)
        : this(code, TrapMessages.Of(code), null, [])
    {
    }

    /// <summary>A trap with the spec message for <paramref name="code"/> and a cause.</summary>
    public Trap(TrapCode code, Exception? innerException)
        : this(code, Format(code, innerException), innerException, [])
    {
    }

    /// <summary>A trap with an explicit message and backtrace.</summary>
    public Trap(TrapCode code, string message, Exception? innerException, IReadOnlyList<TrapFrame> backtrace)
        : base(message, innerException)
    {
        Code = code;
        Backtrace = backtrace;
    }

    /// <summary>Why execution stopped.</summary>
    public TrapCode Code { get; }

    /// <summary>The wasm frames active at the trap, innermost first (empty when unknown).</summary>
    public IReadOnlyList<TrapFrame> Backtrace { get; }

    private static string Format(TrapCode code, Exception? inner) =>
        inner is null ? TrapMessages.Of(code) : $"{TrapMessages.Of(code)}: {inner.Message}";
}
