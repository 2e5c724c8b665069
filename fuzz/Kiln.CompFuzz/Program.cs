using System.Diagnostics;
using System.Globalization;

namespace Kiln.CompFuzz;

/// <summary>
/// Kiln.CompFuzz: differential fuzzing of component-model calls between two component instances (fused adapters)
/// and from the host, Kiln against Wasmtime 50.0.1. See fuzz/README.md.
/// </summary>
public static class Program
{
    private sealed class Options
    {
        public int Seed = 1;
        public long Cases = 200;
        public long? OnlyCase;
        public int Jobs = 1;
        public int TimeoutMs = 20000;
        public int MaxFlags = 32;
        public string Out = "artifacts/compfuzz";
        public bool Verbose;
        public double? Seconds;
        public bool Reduce;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    private static int ReduceOne(int seed, long index, int maxFlags, string outDir)
    {
        var kiln = new KilnEngine();
        using var wasmtime = new WasmtimeReference();
        var c = CaseGenerator.Generate(seed, index, maxFlags);
        var v = Comparer.Compare(c, kiln.Run(c), wasmtime.Run(c));
        if (v.Agree) { Console.WriteLine($"seed {seed} case {index}: the engines agree; nothing to reduce"); return 0; }
        Console.WriteLine($"seed {seed} case {index}: [{v.Signature}] {c.Signature}; reducing");
        var r = new Reducer(kiln, wasmtime).Reduce(c, v.Signature);
        var k = kiln.Run(r);
        var w = wasmtime.Run(r);
        var dir = Path.Combine(outDir, $"reduced-{seed}-{index}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "component.wat"), r.Text);
        File.WriteAllText(Path.Combine(dir, "case.txt"), $"{r.Describe()}verdict: {v.Signature}\nkiln:     {k}\nwasmtime: {w}\n");
        Console.WriteLine(r.Describe());
        Console.WriteLine($"kiln:     {k}\nwasmtime: {w}\nsaved under {dir}");
        return 1;
    }

    public static int Main(string[] args)
    {
        var o = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--seed": o.Seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--cases": o.Cases = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--case": o.OnlyCase = long.Parse(Next(), CultureInfo.InvariantCulture); o.Verbose = true; break;
                case "--jobs": o.Jobs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--timeout-ms": o.TimeoutMs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--max-flags": o.MaxFlags = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seconds": o.Seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--out": o.Out = Next(); break;
                case "-v": o.Verbose = true; break;
                case "--reduce": o.Reduce = true; break;
                case "--ci": o.Seed = 20261208; o.Cases = 600; o.Out = "artifacts/compfuzz-ci"; break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}\nusage: Kiln.CompFuzz [--ci] [--seed S] [--cases N | --seconds T] [--case I [--reduce]] [--jobs J] [--timeout-ms MS] [--max-flags N] [--out DIR] [-v]");
                    return 2;
            }
        }
        if (o.Reduce) return o.OnlyCase is { } only ? ReduceOne(o.Seed, only, o.MaxFlags, o.Out) : Usage("--reduce needs --case");
        return new Run(o.Seed, o.Cases, o.OnlyCase, o.Jobs, o.TimeoutMs, o.MaxFlags, o.Out, o.Verbose, o.Seconds).Execute();
    }
}

/// <summary>One fuzzing run: cases in index order over <c>jobs</c> lanes, each lane with its own engines; every
/// mismatch saved under the output directory; counts printed every 1,000 cases and once at the end.</summary>
internal sealed class Run(int seed, long cases, long? only, int jobs, int timeoutMs, int maxFlags, string outDir, bool verbose, double? seconds)
{
    private long _next;
    private long _done, _agreed, _traps, _refused, _explained, _unexplained, _generatorInvalid;
    private readonly Dictionary<string, int> _bySignature = [];
    private readonly object _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public int Execute()
    {
        _next = only ?? 0;
        long last = only ?? cases - 1;
        var lanes = new Thread[Math.Max(1, only is null ? jobs : 1)];
        var current = new (long Index, long StartedMs)[lanes.Length];
        for (int l = 0; l < lanes.Length; l++)
        {
            int lane = l;
            current[lane] = (-1, 0);
            lanes[l] = new Thread(() => Lane(lane, last, current), 64 << 20) { IsBackground = true };
            lanes[l].Start();
        }
        // The watchdog: generated code cannot be interrupted from outside, so a case over the timeout ends the
        // run (exit 3) after saving the case, which replays with --seed and --case.
        while (lanes.Any(t => t.IsAlive))
        {
            Thread.Sleep(100);
            for (int l = 0; l < lanes.Length; l++)
            {
                var (idx, started) = Volatile.Read(ref current[l].Index) is var i and >= 0 ? (i, Volatile.Read(ref current[l].StartedMs)) : (-1, 0);
                if (idx >= 0 && _clock.ElapsedMilliseconds - started > timeoutMs)
                {
                    var c = CaseGenerator.Generate(seed, idx, maxFlags);
                    Save(c, "timeout", null, null, new Verdict(false, "timeout", false, $"over {timeoutMs} ms"));
                    Console.WriteLine($"TIMEOUT seed {seed} case {idx} (over {timeoutMs} ms); saved under {outDir}");
                    Summary();
                    Environment.Exit(3);
                }
            }
        }
        Summary();
        if (_done == 0) { Console.WriteLine("FAIL: no case was generated"); return 1; }
        return _unexplained + _generatorInvalid == 0 ? 0 : 1;
    }

    private void Lane(int lane, long last, (long Index, long StartedMs)[] current)
    {
        var kiln = new KilnEngine();
        using var wasmtime = new WasmtimeReference();
        while (true)
        {
            long idx = Interlocked.Increment(ref _next) - 1;
            if (idx > last || (seconds is { } s && _clock.Elapsed.TotalSeconds > s)) break;
            Volatile.Write(ref current[lane].StartedMs, _clock.ElapsedMilliseconds);
            Volatile.Write(ref current[lane].Index, idx);
            var c = CaseGenerator.Generate(seed, idx, maxFlags);
            var k = kiln.Run(c);
            var w = wasmtime.Run(c);
            var v = Comparer.Compare(c, k, w);
            Volatile.Write(ref current[lane].Index, -1);
            Record(c, k, w, v);
        }
    }

    private void Record(FuzzCase c, Outcome k, Outcome w, Verdict v)
    {
        lock (_lock)
        {
            _done++;
            if (v.Agree)
            {
                _agreed++;
                if (k.Status.StartsWith("refused:", StringComparison.Ordinal)) _refused++;
                else if (k.Status != "ok") _traps++;
            }
            else
            {
                if (v.Signature == "generator-invalid") _generatorInvalid++;
                else if (v.Explained) _explained++;
                else _unexplained++;
                _bySignature[v.Signature] = _bySignature.GetValueOrDefault(v.Signature) + 1;
                if (_bySignature[v.Signature] <= 20) Save(c, v.Explained ? "explained" : "mismatch", k, w, v);
                Console.WriteLine($"[{v.Signature}] seed {c.Seed} case {c.Index}: {c.Signature}");
            }
            if (verbose)
            {
                Console.WriteLine(c.Describe());
                Console.WriteLine($"kiln:     {k}\nwasmtime: {w}");
                if (only is not null) Console.WriteLine(c.Text);
            }
            if (_done % 1000 == 0) Console.WriteLine("progress: " + Counts());
        }
    }

    private void Save(FuzzCase c, string kind, Outcome? k, Outcome? w, Verdict v)
    {
        var dir = Path.Combine(outDir, $"{kind}-{c.Seed}-{c.Index}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "component.wat"), c.Text);
        File.WriteAllText(Path.Combine(dir, "case.txt"),
            $"{c.Describe()}verdict: {v.Signature}{(v.Explained ? " (explained)" : "")}\n{v.Detail}\nkiln:     {k}\nwasmtime: {w}\n" +
            $"replay: Kiln.CompFuzz --seed {c.Seed} --case {c.Index} --max-flags {maxFlags}\n");
    }

    private string Counts()
    {
        double secs = _clock.Elapsed.TotalSeconds;
        return $"cases {_done} (signatures), agreed {_agreed} (of which both trapped {_traps}, both refused {_refused}), mismatches {_explained + _unexplained} " +
            $"(explained {_explained}, unexplained {_unexplained}), generator-invalid {_generatorInvalid}, {secs:F0} s" +
            string.Concat(_bySignature.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"; {p.Key}: {p.Value}"));
    }

    private void Summary() => Console.WriteLine($"summary: seed {seed}: " + Counts());
}
