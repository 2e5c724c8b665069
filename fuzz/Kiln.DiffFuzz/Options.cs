using System.Globalization;

namespace Kiln.DiffFuzz;

/// <summary>Command line of the differential fuzzer.</summary>
internal sealed class Options
{
    public bool Ci { get; private set; }
    public int? Seconds { get; private set; }
    public int? Modules { get; private set; }
    public int Seed { get; private set; } = Environment.TickCount & 0x7fffffff;
    public int Jobs { get; private set; } = Math.Clamp(Environment.ProcessorCount / 2, 1, 8);
    public int TimeoutMs { get; private set; } = 10_000;
    public string Generator { get; private set; } = "both";
    public string Out { get; private set; } = "artifacts/difffuzz";
    public bool Reduce { get; private set; } = true;
    public int ReduceSeconds { get; private set; } = 300;
    public string? Check { get; private set; }
    public bool Worker { get; private set; }
    public string? ReduceDir { get; private set; }
    public bool Verbose { get; private set; }
    /// <summary>The engines run on each module: Kiln (x86-64, in a worker) always, compared with each of the others.</summary>
    public IReadOnlyList<string> Engines { get; private set; } = ["kiln", "v8", "wabt"];

    /// <summary>Engines <c>--engines</c> accepts: <c>kiln-aarch64</c> is Kiln's worker as AArch64 code under qemu-user.</summary>
    public static readonly string[] KnownEngines = ["kiln", "kiln-aarch64", "v8", "wabt"];

    public static Options Parse(string[] args)
    {
        var o = new Options();
        bool jobsGiven = false;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--ci": o.Ci = true; break;
                case "--seconds": o.Seconds = Int(); break;
                case "--modules": o.Modules = Int(); break;
                case "--seed": o.Seed = Int(); break;
                case "--jobs": o.Jobs = Math.Max(1, Int()); jobsGiven = true; break;
                case "--timeout-ms": o.TimeoutMs = Int(); break;
                case "--gen": o.Generator = Next(); if (o.Generator is not ("ttf" or "own" or "both")) throw new ArgumentException("--gen ttf|own|both"); break;
                case "--out": o.Out = Next(); break;
                case "--no-reduce": o.Reduce = false; break;
                case "--reduce-seconds": o.ReduceSeconds = Int(); break;
                case "--check": o.Check = Next(); break;
                case "--kiln-worker": o.Worker = true; break;
                case "--reduce-dir": o.ReduceDir = Next(); break;
                case "-v" or "--verbose": o.Verbose = true; break;
                case "--engines": o.Engines = ParseEngines(Next()); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (o.Ci)
        {
            o.Seed = 20250101;
            // A fixed number of modules and no time limit: a slow machine takes longer, it never checks less.
            o.Modules ??= 160;
            o.Reduce = false;
            // A lane waits on its engines in turn, so two lanes keep two cores busy.
            if (!jobsGiven) o.Jobs = Math.Clamp(Environment.ProcessorCount, 2, 4);
        }
        if (o.Seconds is null && o.Modules is null) o.Modules = 100;
        return o;
    }

    private static string[] ParseEngines(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var n in names)
            if (Array.IndexOf(KnownEngines, n) < 0) throw new ArgumentException($"--engines: unknown engine '{n}' (known: {string.Join(", ", KnownEngines)})");
        if (Array.IndexOf(names, "kiln") < 0) throw new ArgumentException("--engines must include kiln (every other engine is compared with it)");
        if (names.Distinct().Count() != names.Length) throw new ArgumentException("--engines names an engine twice");
        // With kiln alone every module would "agree".
        if (names.Length < 2) throw new ArgumentException("--engines needs kiln and at least one engine to compare it with");
        return names;
    }
}
