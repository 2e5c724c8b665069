using System.Diagnostics;
using K = Kiln.Runtime;
using W = Wasmtime;

// The cost of bounding a guest: a tight loop run with no bound, with fuel metering and with epoch checks, in Kiln
// and in Wasmtime 50.0.1 (same module, same settings). Each figure is the best of several runs (ms), and the
// slowdown is relative to the same engine's unbounded run.
const string Wat = """
    (module (func (export "loop") (param i32) (result i32) (local i32 i32)
      (loop $l
        (local.set 2 (i32.add (local.get 2) (i32.xor (local.get 1) (i32.const 0x5bd1e995))))
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
      (local.get 2)))
    """;

int iterations = args.Length > 0 ? int.Parse(args[0]) : 300_000_000;
const int Runs = 7;

double Best(Func<int, int> loop, out int result)
{
    result = loop(1000); // JIT, first touch
    double best = double.MaxValue;
    for (int r = 0; r < Runs; r++)
    {
        var sw = Stopwatch.StartNew();
        result = loop(iterations);
        best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
    }
    return best;
}

double Kiln(bool fuel, bool epochs, out int result)
{
    using var engine = new K.Engine(new K.EngineConfig { ConsumeFuel = fuel, EpochInterruption = epochs });
    using var store = new K.Store(engine);
    if (fuel) store.Fuel = ulong.MaxValue;
    if (epochs) store.SetEpochDeadline(ulong.MaxValue);
    var instance = K.Instance.Create(store, K.Module.FromText(engine, Wat), []);
    return Best(K.TypedFuncExtensions.AsFunc<int, int>(instance.GetFunc("loop")!), out result);
}

double Wasmtime(bool fuel, bool epochs, out int result)
{
    using var engine = new W.Engine(new W.Config().WithFuelConsumption(fuel).WithEpochInterruption(epochs));
    using var module = W.Module.FromText(engine, "loop", Wat);
    using var linker = new W.Linker(engine);
    using var store = new W.Store(engine);
    if (fuel) store.Fuel = ulong.MaxValue;
    if (epochs) store.SetEpochDeadline(ulong.MaxValue);
    var instance = linker.Instantiate(store, module);
    var loop = instance.GetFunction<int, int>("loop") ?? throw new InvalidOperationException("no export");
    return Best(loop, out result);
}

Console.WriteLine($"tight loop, {iterations:N0} iterations (8 operators each), best of {Runs} runs");
Console.WriteLine($"{"engine",-10} {"bound",-8} {"ms",8} {"slowdown",9}");
foreach (var (name, run) in new (string, Func<bool, bool, (double, int)>)[]
{
    ("Kiln", (f, e) => (Kiln(f, e, out int r), r)),
    ("Wasmtime", (f, e) => (Wasmtime(f, e, out int r), r)),
})
{
    var (baseline, expected) = run(false, false);
    Console.WriteLine($"{name,-10} {"none",-8} {baseline,8:F1} {"1.00",9}");
    foreach (var (label, fuel, epochs) in new[] { ("fuel", true, false), ("epochs", false, true) })
    {
        var (ms, result) = run(fuel, epochs);
        if (result != expected) throw new InvalidOperationException($"{name} {label}: result {result}, expected {expected}");
        Console.WriteLine($"{name,-10} {label,-8} {ms,8:F1} {ms / baseline,9:F2}");
    }
}
