using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kiln.Bench.Wasmtime;
using Kiln.Reference;

// kiln-wasmtime-bench: `kiln bench` on Wasmtime 50.0.1 (Cranelift, default settings), for bench/run.py and
// bench/sightglass.py. Each iteration, in one process and with one engine: compile FILE afresh
// (wasmtime_module_new; the C API has no compilation cache), instantiate it in a new store through a linker with
// WASI preview1 and bench.start/bench.end, call _start, and time the region between bench.start and bench.end.
// WASI: argv is FILE then ARGS, "." is preopened as ".", stdio is this process's, no environment.

const string Usage = "usage: kiln-wasmtime-bench FILE.wasm [--iterations N] [--warmup K] [--json PATH] [-- ARGS...]\n" +
    "       kiln-wasmtime-bench --precompile FILE.wasm OUT.cwasm   (wasmtime_module_serialize)\n" +
    "       kiln-wasmtime-bench --run FILE.cwasm [ARGS...]        (deserialize, WASI preview1, _start: bench/startup)";

// The start-up comparison (bench/startup/run.sh): Wasmtime's side of `kiln compile` and `kiln run ARTIFACT`.
if (args.Length == 3 && args[0] == "--precompile")
{
    using var e = new WasmtimeEngine();
    using var m = WasmtimeModule.Compile(e, File.ReadAllBytes(args[1]));
    File.WriteAllBytes(args[2], m.Serialize());
    return 0;
}
if (args.Length >= 2 && args[0] == "--run")
{
    using var e = new WasmtimeEngine();
    using var m = WasmtimeModule.Deserialize(e, File.ReadAllBytes(args[1]));
    using var l = new WasmtimeLinker(e);
    l.DefineWasi();
    using var store = new WasmtimeStore(e);
    var config = new WasiConfiguration();
    config.Args.Add(args[1]);
    config.Args.AddRange(args[2..]);
    store.SetWasi(config);
    try
    {
        l.Instantiate(store, m).GetFunc("_start")!.Call();
    }
    catch (WasmtimeExitException exit)
    {
        return exit.ExitCode;
    }
    return 0;
}

string? file = null, json = null;
int iterations = 10, warmup = 0;
var guestArgs = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--iterations": iterations = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--json": json = args[++i]; break;
        case "-h" or "--help": Console.WriteLine(Usage); return 0;
        case "--": guestArgs.AddRange(args[(i + 1)..]); i = args.Length; break;
        default:
            if (file is null && !args[i].StartsWith('-')) file = args[i];
            else { Console.Error.WriteLine($"kiln-wasmtime-bench: unknown argument {args[i]}\n{Usage}"); return 2; }
            break;
    }
}
if (file is null || iterations < 1 || warmup < 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

byte[] wasm = File.ReadAllBytes(file);
using var engine = new WasmtimeEngine();
var region = new BenchRegion();
using var linker = new WasmtimeLinker(engine);
linker.DefineWasi();
linker.DefineFunc("bench", "start", [], [], (_, _) => region.Start());
linker.DefineFunc("bench", "end", [], [], (_, _) => region.End());

// Untimed: a tiny module through the same path, so the first iteration does not pay for JIT-compiling this
// runner's host-call path (kiln bench primes the same way).
Run(WasmtimeWat.ToWasm("""
    (module (import "bench" "start" (func $s)) (import "bench" "end" (func $e))
      (func (export "_start") call $s call $e))
    """), quiet: true);

var records = new List<(double Compile, double Instantiate, double Exec)>();
for (int i = 0; i < warmup + iterations; i++)
{
    var (record, error) = Run(wasm, quiet: false);
    if (error is not null)
    {
        Console.Error.WriteLine($"wasmtime bench: {file}: {(i < warmup ? $"warmup {i + 1}" : $"iteration {i - warmup + 1}")}: {error}");
        return 1;
    }
    if (i >= warmup) records.Add(record);
}

var report = new StringBuilder();
foreach (var (name, pick) in new (string, Func<(double Compile, double Instantiate, double Exec), double>)[]
         { ("compile", r => r.Compile), ("instantiate", r => r.Instantiate), ("exec", r => r.Exec) })
{
    var v = records.Select(pick).Order().ToArray();
    report.Append(CultureInfo.InvariantCulture, $"wasmtime bench: {name,-11} min {v[0]:F3} ms  median {v[v.Length / 2]:F3} ms  max {v[^1]:F3} ms\n");
}
Console.Error.Write(report);
if (json is not null)
{
    File.WriteAllText(json, "[" + string.Join(", ", records.Select(r => string.Create(CultureInfo.InvariantCulture,
        $"{{\"compile_ms\": {r.Compile:R}, \"instantiate_ms\": {r.Instantiate:R}, \"exec_ms\": {r.Exec:R}}}"))) + "]\n");
}
return 0;

((double, double, double) Record, string? Error) Run(byte[] bytes, bool quiet)
{
    // Garbage from the previous iteration is collected here, not inside a timed phase.
    GC.Collect();
    GC.WaitForPendingFinalizers();
    long t0 = Stopwatch.GetTimestamp();
    using var module = WasmtimeModule.Compile(engine, bytes);
    long t1 = Stopwatch.GetTimestamp();
    using var store = new WasmtimeStore(engine);
    var wasi = new WasiConfiguration();
    wasi.Args.Add(file!);
    wasi.Args.AddRange(guestArgs);
    wasi.Preopens.Add(new WasiPreopenDir(".", ".", Mutable: true));
    if (quiet) wasi.Stdout = _ => { };
    store.SetWasi(wasi);
    region.Reset();
    long t2 = Stopwatch.GetTimestamp();
    WasmtimeInstance instance;
    try
    {
        instance = linker.Instantiate(store, module);
    }
    catch (WasmtimeException e)
    {
        return (default, $"instantiation: {e.Message}");
    }
    long t3 = Stopwatch.GetTimestamp();
    var start = instance.GetFunc("_start");
    if (start is null) return (default, "no exported function \"_start\" (a WASI command is needed)");
    try
    {
        start.Call();
    }
    catch (WasmtimeExitException e) when (e.ExitCode == 0)
    {
    }
    catch (WasmtimeExitException e)
    {
        return (default, $"the program exited with code {e.ExitCode}");
    }
    catch (WasmtimeException e)
    {
        return (default, $"trap in _start: {e.Message}");
    }
    var (exec, misuse) = region.Elapsed();
    if (misuse is not null) return (default, misuse);
    return ((Ms(t0, t1), Ms(t2, t3), exec), null);
}

static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
