namespace Kiln.Runtime.Wasi;

/// <summary>
/// Thrown by proc_exit. It leaves wasm like any host exception, so the embedder receives a <see cref="Trap"/>
/// (<see cref="TrapCode.HostError"/>) with this as its inner exception; <see cref="TryGetExitCode"/> finds it.
/// </summary>
public sealed class WasiExitException : KilnException
{
    /// <summary>An exit with <paramref name="exitCode"/>.</summary>
    public WasiExitException(int exitCode)
        : base($"wasi: exit with code {exitCode}")
    {
        ExitCode = exitCode;
    }

    /// <summary>The code the guest passed to proc_exit.</summary>
    public int ExitCode { get; }

    /// <summary>Whether <paramref name="exception"/> is, or wraps, a proc_exit; its code if so.</summary>
    public static bool TryGetExitCode(Exception? exception, out int exitCode)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is WasiExitException exit)
            {
                exitCode = exit.ExitCode;
                return true;
            }
        }
        exitCode = 0;
        return false;
    }
}
