using Kiln.Wasm.Model;
using System.Diagnostics;
using Kiln.Cli.Bench;
using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Driver;
using Kiln.Runtime;
using Kiln.Runtime.Wasi;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Text;
using Kiln.Wasm.Validation;
using RuntimeModule = Kiln.Runtime.Module;

namespace Kiln.Cli.Commands;

public sealed class BenchCommand : ICommand
{
    public string Name => "bench";
    public string Summary => "time compile, instantiate and a program's bench.start..bench.end region";
    public string Help => """
        usage: kiln bench [options] FILE [-- ARGS...]

        Benchmarks a WASI command (.wasm, .wat, or an artifact from 'kiln compile') that brackets its
        measured work with the Sightglass imports "bench" "start" and "bench" "end" (both [] -> []).
        Each iteration, in one process:
          compile      decode, validate and compile FILE afresh (for an artifact: load and verify
                       it, no recompilation; the figure is still reported as compile_ms)
          instantiate  link WASI preview1 and bench.*, instantiate (a new store each iteration)
          exec         call _start; the time from bench.start to bench.end (host clock read
                       first thing in each import), not the whole of _start
        The program must call bench.start exactly once, then bench.end exactly once; otherwise the
        run stops with an error. Its stdout and stderr are the host's, unchanged, once per iteration
        (warmups included). Kiln's own report, min/median/max per phase, goes to stderr after the
        last iteration. stdin is the host's too (only the first iteration sees its contents).
        Before the first iteration a tiny built-in module that calls bench.start and bench.end is
        compiled and run, untimed, so that the first iteration does not pay for JIT-compiling
        Kiln's host-call path; the first compile is still slower (more of Kiln is JIT-compiled on
        first use, and .NET re-JITs hot parts of it in the background during the next iterations):
        use --warmup or read the median.

        WASI: argv is FILE then ARGS; the current directory is preopened as "."; nothing of the
        environment is passed unless --env says so. proc_exit(0) ends an iteration normally; a
        non-zero exit code, a trap or a misuse of bench.* stops the benchmark: the error is printed
        and kiln exits with that code (a trap or misuse: 1). No JSON is written then.

        options:
          --iterations N      measured iterations (default 10)
          --warmup K          iterations run first and not counted (default 0)
          --json PATH         write [{"compile_ms": …, "instantiate_ms": …, "exec_ms": …}, …],
                              one object per measured iteration, in order
          --threads N         compile with N threads (default: one per processor)
          -h, --help          show this help
        """ + "\n" + WasiCommandSetup.OptionsHelp + """

        Guest arguments that start with '-' go after '--'.

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, WasiCommandSetup.Flags,
            ["--iterations", "--warmup", "--json", "--threads", .. WasiCommandSetup.ValuedOptions]);
        if (cl.Positionals.Count == 0) throw new UsageException("no input file");
        string path = cl.Positionals[0];
        int iterations = cl.IntValue("--iterations", 10, 1, 1_000_000);
        int warmup = cl.IntValue("--warmup", 0, 0, 1_000_000);
        int threads = cl.IntValue("--threads", 0, 0, 1024);
        string? jsonPath = cl.Value("--json");

        // Sightglass programs read their inputs from ".", so it is always preopened first (fd 3).
        var wasi = WasiCommandSetup.Configure(cl, path, cl.Positionals.Skip(1).Concat(cl.Rest));
        wasi.Preopens.Insert(0, new WasiPreopen(".", ".", false));

        var bytes = ModuleInput.ReadFile(path);
        bool fromArtifact = ArtifactInput.LooksLikeArtifact(path, bytes);
        var engine = new Engine(new EngineConfig { CompilationThreads = threads > 0 ? threads : Environment.ProcessorCount });
        var region = new BenchRegion();
        var linker = WasiCommandSetup.CreateLinker(engine, wasi);
        region.AddToLinker(linker);

        Prime(engine, linker, region);
        var runs = new List<BenchIteration>(iterations);
        for (int i = 0; i < warmup + iterations; i++)
        {
            string which = i < warmup ? $"warmup {i + 1}" : $"iteration {i - warmup + 1}";
            var outcome = RunOnce(path, bytes, fromArtifact, engine, linker, region, out var run);
            if (outcome is { } failure)
            {
                Console.Error.WriteLine($"kiln bench: {path}: {which}: {failure.Message}");
                return failure.ExitCode;
            }
            if (i >= warmup) runs.Add(run);
        }
        Console.Error.Write(BenchReport.Table(path, runs, warmup, fromArtifact));
        if (jsonPath is not null) BenchReport.WriteJson(jsonPath, runs);
        return ExitCodes.Success;
    }

    private readonly record struct Failure(string Message, int ExitCode);

    /// <summary>One compile + instantiate + _start. Errors in the input itself throw <see cref="CliException"/>;
    /// what the guest does wrong at run time comes back as a <see cref="Failure"/>.</summary>
    private static Failure? RunOnce(string path, byte[] bytes, bool fromArtifact, Engine engine, Linker linker,
        BenchRegion region, out BenchIteration run)
    {
        run = default;
        // Garbage from the previous iteration is collected here, not inside a timed phase.
        GC.Collect();
        GC.WaitForPendingFinalizers();

        long t0 = Stopwatch.GetTimestamp();
        using var module = RuntimeModuleInput.Load(engine, path, bytes);
        long t1 = Stopwatch.GetTimestamp();

        using var store = new Store(engine);
        region.Reset();
        Instance instance;
        long t2 = Stopwatch.GetTimestamp();
        try
        {
            instance = linker.Instantiate(store, module);
        }
        catch (LinkException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
        catch (Trap t)
        {
            return FromTrap(t, "instantiation");
        }
        long t3 = Stopwatch.GetTimestamp();

        if (instance.GetFunc("_start") is not { } start)
            throw new CliException($"{path}: no exported function \"_start\" (a WASI command is needed)");
        if (start.Type.Params.Length != 0 || start.Type.Results.Length != 0)
            throw new CliException($"{path}: \"_start\" must be [] -> [], not {start.Type}");
        try
        {
            start.Call();
        }
        catch (Trap t)
        {
            if (!WasiExitException.TryGetExitCode(t, out int code)) return FromTrap(t, "_start");
            if (code != 0) return new Failure($"the program exited with code {code}", code is > 0 and < 256 ? code : ExitCodes.Failure);
        }
        double exec;
        try
        {
            exec = region.ElapsedMilliseconds();
        }
        catch (BenchRegionException e)
        {
            return new Failure(e.Message, ExitCodes.Failure);
        }
        run = new BenchIteration(Ms(t0, t1), Ms(t2, t3), exec);
        return null;
    }

    private static Failure FromTrap(Trap t, string where)
    {
        for (Exception? e = t; e is not null; e = e.InnerException)
        {
            if (e is BenchRegionException misuse) return new Failure(misuse.Message, ExitCodes.Failure);
        }
        string backtrace = t.BacktraceText;
        return new Failure(backtrace.Length == 0 ? $"trap in {where}: {t.Message}" : $"trap in {where}: {t.Message}\n{backtrace}",
            ExitCodes.Failure);
    }

    /// <summary>
    /// Compiles and runs a tiny module that calls bench.start and bench.end once, untimed: .NET JIT-compiles the
    /// host-call path on its first use (~0.2 ms, which would land inside the first iteration's measured region)
    /// and the compiler's common paths (which would inflate the first compile_ms).
    /// </summary>
    private static void Prime(Engine engine, Linker linker, BenchRegion region)
    {
        const string primer = """
            (module (import "bench" "start" (func $s)) (import "bench" "end" (func $e))
              (func (export "_start") (local i32) call $s (local.set 0 (i32.add (local.get 0) (i32.const 1))) call $e))
            """;
        using var module = RuntimeModule.Compile(engine, WatParser.ParseModule(primer));
        using var store = new Store(engine);
        region.Reset();
        linker.Instantiate(store, module).GetFunc("_start")!.Call();
        region.ElapsedMilliseconds();
        region.Reset();
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}
