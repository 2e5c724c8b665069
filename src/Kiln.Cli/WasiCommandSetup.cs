using Kiln.Runtime;
using Kiln.Runtime.Wasi;
using RuntimeModule = Kiln.Runtime.Module;

namespace Kiln.Cli;

/// <summary>
/// What the commands that run WASI programs (<c>kiln run</c>, and any other that runs a guest command) share:
/// the <c>--dir</c>/<c>--env</c>/<c>--inherit-env</c> options, turning them into a linker that provides
/// <c>wasi_snapshot_preview1</c> with the process's stdio, and the exit status of a run. Pass
/// <see cref="Flags"/> and <see cref="ValuedOptions"/> to <see cref="CommandLine"/>, append
/// <see cref="OptionsHelp"/> to the command's help, then call <see cref="Configure"/> and <see cref="CreateLinker"/>.
/// </summary>
public static class WasiCommandSetup
{
    /// <summary>Exit status when the guest traps (128 + SIGABRT, as wasmtime and a native abort()).</summary>
    public const int TrapExitCode = 134;

    /// <summary>Options without a value.</summary>
    public static IReadOnlyList<string> Flags { get; } = ["--inherit-env"];

    /// <summary>Options with a value (each may be repeated).</summary>
    public static IReadOnlyList<string> ValuedOptions { get; } = ["--dir", "--env"];

    /// <summary>The options' lines for a command's help text (each ends with a newline).</summary>
    public const string OptionsHelp = """
          --dir HOST[::GUEST]  give the guest the host directory HOST, named GUEST (default: HOST);
                               nothing outside it is reachable (repeatable; fds 3, 4, ... in order)
          --env NAME=VALUE     set a guest environment variable; --env NAME copies the host's (repeatable)
          --inherit-env        give the guest the whole host environment (before any --env)
        """ + "\n";

    /// <summary>
    /// The guest's configuration from the options: argv = <paramref name="programName"/> then
    /// <paramref name="args"/>, the environment asked for (nothing by default), the preopens, and the process's
    /// own stdin/stdout/stderr. A malformed option is a <see cref="UsageException"/>; a <c>--dir</c> that is
    /// not a directory is a <see cref="CliException"/>.
    /// </summary>
    public static WasiConfiguration Configure(CommandLine cl, string programName, IEnumerable<string> args, bool inheritEnv = false)
    {
        var config = new WasiConfiguration().WithArgs(programName).WithArgs([.. args]).InheritStdio();
        if (inheritEnv || cl.Has("--inherit-env")) config.InheritEnvironment();
        foreach (var spec in cl.Values("--env")) AddEnv(config.Environment, spec);
        foreach (var spec in cl.Values("--dir")) config.Preopens.Add(ParseDir(spec));
        return config;
    }

    /// <summary>
    /// Whether the module is a WASI command or uses WASI: it imports from <c>wasi_snapshot_preview1</c> or
    /// exports <c>_start</c> or a function named <c>""</c> (wasmtime's default export).
    /// </summary>
    public static bool IsCommand(RuntimeModule module)
    {
        foreach (var import in module.Imports)
        {
            if (import.ModuleName == Wasi.ModuleName) return true;
        }
        return module.GetExport("_start") is not null || module.GetExport("") is { Kind: Kiln.Wasm.Model.ExternalKind.Func };
    }

    /// <summary>A linker that provides every <c>wasi_snapshot_preview1</c> function, one context per store.</summary>
    public static Linker CreateLinker(Engine engine, WasiConfiguration config)
    {
        var linker = new Linker(engine);
        Wasi.AddToLinker(linker, config);
        return linker;
    }

    /// <summary>
    /// The exit status a trap means: the guest's proc_exit code (its low 8 bits on Linux), or
    /// <see cref="TrapExitCode"/> after writing the trap's message and backtrace to stderr.
    /// </summary>
    public static int ExitCodeOf(Trap trap, string commandName, string? note = null)
    {
        if (WasiExitException.TryGetExitCode(trap, out int code)) return code;
        ReportTrap(trap, commandName, note);
        return TrapExitCode;
    }

    /// <summary>Writes "kiln CMD: trap: MESSAGE[: NOTE]" and the wasm backtrace (innermost first) to stderr.</summary>
    public static void ReportTrap(Trap trap, string commandName, string? note = null)
    {
        var err = Console.Error;
        err.WriteLine(note is null ? $"kiln {commandName}: trap: {trap.Message}" : $"kiln {commandName}: trap: {trap.Message}: {note}");
        if (trap.BacktraceText is { Length: > 0 } backtrace) err.WriteLine(backtrace);
        // A host function's own failure (not a guest trap) is a Kiln bug worth the details when debugging.
        if (trap.InnerException is { } inner && Environment.GetEnvironmentVariable("KILN_DEBUG") == "1") err.WriteLine(inner);
    }

    private static void AddEnv(List<KeyValuePair<string, string>> env, string spec)
    {
        int eq = spec.IndexOf('=');
        string name = eq < 0 ? spec : spec[..eq];
        if (name.Length == 0) throw new UsageException($"--env takes NAME=VALUE or NAME, not '{spec}'");
        string? value = eq < 0 ? Environment.GetEnvironmentVariable(name) : spec[(eq + 1)..];
        if (value is null) return; // --env NAME with NAME unset on the host: the guest does not see it either
        // A later setting replaces an earlier one (and an inherited one) in place: getenv sees the first match.
        int at = env.FindIndex(e => e.Key == name);
        if (at >= 0) env[at] = new(name, value);
        else env.Add(new(name, value));
    }

    private static WasiPreopen ParseDir(string spec)
    {
        WasiPreopen preopen;
        try
        {
            preopen = WasiPreopen.Parse(spec);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new UsageException($"--dir takes HOST[::GUEST], not '{spec}'");
        }
        if (!Directory.Exists(preopen.HostPath))
        {
            throw new CliException(File.Exists(preopen.HostPath)
                ? $"--dir {spec}: \"{preopen.HostPath}\" is not a directory"
                : $"--dir {spec}: no directory \"{preopen.HostPath}\"");
        }
        return preopen;
    }
}
