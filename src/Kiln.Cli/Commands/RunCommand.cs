using Kiln.Compiler.Driver;
using Kiln.Runtime;
using Kiln.Runtime.Wasi.Preview2;
using RuntimeModule = Kiln.Runtime.Module;

namespace Kiln.Cli.Commands;

public sealed class RunCommand : ICommand
{
    public string Name => "run";
    public string Summary => "run a WASI command, or call an exported function of a module";
    public string Help => """
        usage: kiln run [options] FILE [ARGS...]
               kiln run [options] --invoke NAME FILE [ARGS...]
               kiln run [options] --invoke NAME COMPONENT [ARGS...]

        FILE is a module (.wasm or .wat) or an artifact from 'kiln compile' (verified, never recompiled;
        refused with status 1 if damaged or made for another engine). Everything after FILE belongs to
        the program, even words starting with '-'; a '--' right after FILE is dropped, and one before
        FILE ends kiln's options.

        A module that imports wasi_snapshot_preview1 or exports _start (or the default export "") is a
        WASI command: kiln gives it
        the WASI preview1 functions, argv = FILE (as given) then ARGS, the environment asked for with
        --env (nothing by default), the directories given with --dir and this process's own
        stdin/stdout/stderr, then calls _start (else ""). The guest's exit code (proc_exit, or exit() in C)
        is kiln's exit status; returning from _start is 0.

        With --invoke, kiln calls the exported function NAME instead (after _initialize, if exported),
        with ARGS parsed by its parameter types in the text format's spelling (42, -7, 0x2a, 1.5, -inf,
        nan:0x400000), and prints each result on its own line in the spec's text form. WASI is
        provided too when the module imports it (argv is then just FILE).

        COMPONENT is a component (.wasm or .wat) or its artifact from 'kiln compile'. kiln gives it WASI 0.2
        (wasi:cli, wasi:io, wasi:filesystem, wasi:clocks, wasi:random, any 0.2.x), configured as for a
        module (argv = COMPONENT then ARGS, --env, --dir, this process's stdio), and calls its export
        wasi:cli/run; the status is 0 when run returns ok, 1 when it returns err, or the code given to
        wasi:cli/exit. A component importing anything else is refused, naming the import. With --invoke,
        kiln calls its exported function NAME (INSTANCE#NAME for a function of an exported instance), with
        each of ARGS parsed in WAVE by its parameter's type ("hi", 42, [1, 2], {a: 1}, some(3), ok("x"),
        %none, {read, write}), runs post-return, and prints the result in WAVE, as 'wasmtime run --invoke'
        (WASI 0.2 is provided then too, argv just COMPONENT).

        No other imports are provided: a module importing anything else is refused ("unknown import",
        naming it). Without --invoke, a module that is no command is only instantiated (its start
        function runs).

        options:
          --invoke NAME        the exported function to call
          --threads N          compile with N threads (default: one per processor)
          --key FILE           FILE must be an artifact sealed by 'kiln compile --key FILE' (HMAC-SHA-256 under
                               the key in FILE); anything else, a plain module included, is refused
          --verify             check the artifact's machine code with the static sandbox verifier ('kiln verify')
                               before running it; a module is compiled, then verified the same way
        """ + "\n" + ProfileOption.Help + OptionGroups.WasmHelp + WasiCommandSetup.OptionsHelp + OptionGroups.WasiHelp + """
          -h, --help           show this help

        exit status: the guest's exit code (its low 8 bits); 0 after --invoke returns; 134 when the guest traps, runs
        out of fuel or time (the trap's message and wasm backtrace, at most 20 frames, go to stderr); 1 when FILE cannot be read, compiled or
        linked, or a --dir is not a directory; 2 for a wrong command line.

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var (options, path, rawArgs) = Split(args);
        var cl = new CommandLine(options, [.. WasiCommandSetup.Flags, "--verify"], ["--invoke", "--threads", "-W", "-S", ArtifactKey.Option, ProfileOption.Option, .. WasiCommandSetup.ValuedOptions]);
        if (cl.Positionals.Count > 0) throw new UsageException($"unexpected '{cl.Positionals[0]}' before FILE");
        if (path is null) throw new UsageException("no input file");
        string? invoke = cl.Value("--invoke");
        int threads = cl.IntValue("--threads", 0, 0, 1024);
        var groups = OptionGroups.Parse(cl.Values("-W"), cl.Values("-S"));

        var engine = new Engine(groups.Apply(new EngineConfig
        {
            CompilationThreads = threads > 0 ? threads : Environment.ProcessorCount,
            Profiling = ProfileOption.Parse(cl.Value(ProfileOption.Option)),
        }));
        var fileBytes = ModuleInput.ReadFile(path);
        if (ComponentRun.IsComponent(path, fileBytes)) return RunComponent(cl, groups, engine, path, fileBytes, invoke, rawArgs);
        using var compiled = RuntimeModuleInput.Load(engine, path, fileBytes, ArtifactKey.FromCommandLine(cl), cl.Has("--verify"));
        bool wasi = WasiCommandSetup.IsCommand(compiled);
        if (!wasi && invoke is null && rawArgs.Count > 0)
        {
            throw new UsageException(rawArgs[0].StartsWith("--", StringComparison.Ordinal)
                ? $"'{rawArgs[0]}' after FILE is an argument: kiln's options go before FILE"
                : "arguments need --invoke NAME (the module is not a WASI command)");
        }
        if (!wasi && (cl.Values("--dir").Count > 0 || cl.Values("--env").Count > 0 || cl.Has("--inherit-env") || groups.InheritEnv))
            throw new UsageException("--dir, --env and --inherit-env are for WASI commands (the module imports no WASI)");

        // The guest's arguments are its argv for a command; with --invoke they are the function's.
        var linker = wasi ? WasiCommandSetup.CreateLinker(engine, WasiCommandSetup.Configure(cl, path, invoke is null ? rawArgs : [], groups.InheritEnv))
            : new Linker(engine);

        using var store = new Store(engine, groups.Limits());
        // Fuel and the timeout bound instantiation (start function) and the call alike.
        using var timer = groups.Bound(store);
        try
        {
            Instance instance;
            try
            {
                instance = linker.Instantiate(store, compiled);
            }
            catch (LinkException e)
            {
                throw new CliException(e.Kind == LinkErrorKind.UnknownImport
                    ? $"{path}: unknown import {e.ModuleName}::{e.Name} (kiln run provides only {Kiln.Runtime.Wasi.Wasi.ModuleName})"
                    : $"{path}: {e.Message}");
            }
            if (invoke is not null) return Invoke(instance, path, invoke, rawArgs);
            if (!wasi) return ExitCodes.Success;
            // As wasmtime: the command's entry is _start, else the default export "".
            var (entryName, start) = instance.GetFunc("_start") is { } s ? ("_start", s) : ("", instance.GetFunc(""));
            if (start is null)
                throw new CliException($"{path}: imports WASI but exports no function \"_start\" (nor \"\"); use --invoke NAME");
            if (start.Type.Params.Length != 0 || start.Type.Results.Length != 0)
                throw new CliException($"{path}: \"{entryName}\" is {start.Type}, a command's is [] -> []");
            start.Call();
            return ExitCodes.Success;
        }
        catch (WasmException e)
        {
            // Not a trap, but as final for the program: reported the same way, with the same status.
            Console.Error.WriteLine($"kiln {Name}: {e.Message}");
            for (int i = 0; i < e.Backtrace.Count; i++) Console.Error.WriteLine($"  {i}: {e.Backtrace[i]}");
            return WasiCommandSetup.TrapExitCode;
        }
        catch (Trap t)
        {
            string? note = t.Code == TrapCode.Interrupt && groups.Timeout is { } limit ? $"the -W timeout of {limit.TotalSeconds:0.###}s passed"
                : t.Code == TrapCode.OutOfFuel ? $"the -W fuel of {groups.Fuel} units is spent" : null;
            return WasiCommandSetup.ExitCodeOf(t, Name, note);
        }
    }

    private int RunComponent(CommandLine cl, OptionGroups groups, Engine engine, string path, byte[] bytes, string? invoke, List<string> rawArgs)
    {
        if (cl.Has("--verify")) throw new UsageException("--verify checks a core module's machine code; it does not take components yet");
        // As for modules: the guest's arguments are its argv for a command; with --invoke they are the function's.
        var config = WasiCommandSetup.Configure(cl, path, invoke is null ? rawArgs : [], groups.InheritEnv);
        var component = ComponentRun.Load(engine, path, bytes, ArtifactKey.FromCommandLine(cl));
        using var store = new Store(engine, groups.Limits());
        using var timer = groups.Bound(store);
        var linker = new ComponentLinker(engine);
        using var wasi = WasiPreview2.AddToLinker(linker, config);
        try
        {
            return invoke is null ? ComponentRun.RunCommand(component, linker, store, path) : ComponentRun.Invoke(component, linker, store, path, invoke, rawArgs);
        }
        catch (Trap t)
        {
            string? note = t.Code == TrapCode.Interrupt && groups.Timeout is { } limit ? $"the -W timeout of {limit.TotalSeconds:0.###}s passed"
                : t.Code == TrapCode.OutOfFuel ? $"the -W fuel of {groups.Fuel} units is spent" : null;
            return WasiCommandSetup.ExitCodeOf(t, Name, note);
        }
    }

    private static int Invoke(Instance instance, string path, string invoke, List<string> rawArgs)
    {
        if (instance.GetExport(invoke) is not Func func)
            throw new CliException($"{path}: no exported function \"{invoke}\"");
        var type = func.Type;
        if (rawArgs.Count != type.Params.Length)
            throw new UsageException($"\"{invoke}\" takes {type.Params.Length} argument(s) ({type}), {rawArgs.Count} given");
        var values = new Value[rawArgs.Count];
        for (int i = 0; i < values.Length; i++) values[i] = RunArguments.Parse(rawArgs[i], type.Params[i], i);
        // A WASI reactor initializes itself (constructors, libc) in _initialize before any other export is used.
        if (invoke != "_initialize" && instance.GetFunc("_initialize") is { } init && init.Type.Params.Length == 0) init.Call();
        var results = func.Call(values);
        foreach (var r in results) Console.Out.WriteLine(RunArguments.Format(r));
        return ExitCodes.Success;
    }

    /// <summary>
    /// kiln's options, FILE, and FILE's arguments: the first word that is not an option (or the word after a
    /// '--') is FILE, and everything after it belongs to the program (a '--' right after FILE is dropped).
    /// </summary>
    private static (List<string> Options, string? File, List<string> Args) Split(IReadOnlyList<string> args)
    {
        var options = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                if (i + 1 >= args.Count) return (options, null, []);
                return (options, args[i + 1], Rest(args, i + 2));
            }
            if (a.StartsWith('-') && a.Length > 1)
            {
                // -Wfuel=10 is -W fuel=10, as clap reads a short option with its value attached.
                if (a.Length > 2 && a[1] is 'W' or 'S')
                {
                    options.Add(a[..2]);
                    options.Add(a[2..]);
                    continue;
                }
                options.Add(a);
                bool valued = a is "--invoke" or "--threads" or "-W" or "-S" or ArtifactKey.Option or ProfileOption.Option || WasiCommandSetup.ValuedOptions.Contains(a);
                if (valued && i + 1 < args.Count) options.Add(args[++i]);
                continue;
            }
            return (options, a, Rest(args, i + 1));
        }
        return (options, null, []);
    }

    private static List<string> Rest(IReadOnlyList<string> args, int from)
    {
        if (from < args.Count && args[from] == "--") from++;
        var rest = new List<string>();
        for (int i = from; i < args.Count; i++) rest.Add(args[i]);
        return rest;
    }
}
