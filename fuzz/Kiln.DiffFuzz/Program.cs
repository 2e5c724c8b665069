using System.Diagnostics;
using Kiln.DiffFuzz;

Options o;
try { o = Options.Parse(args); }
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"kiln-difffuzz: {e.Message}");
    return 2;
}
if (o.Worker) return KilnWorker.Serve();
if (Tools.Missing(o.Reduce || o.ReduceDir is not null) is { Count: > 0 } missing)
{
    Console.Error.WriteLine($"kiln-difffuzz: missing {string.Join(", ", missing)} (needs node, wabt and binaryen; see fuzz/README.md)");
    return 2;
}
if (o.Engines.Contains("kiln-aarch64") && !KilnWorker.PrepareAArch64(out string why))
{
    Console.Error.WriteLine($"kiln-difffuzz: cannot prepare the kiln-aarch64 engine: {why}");
    return 2;
}
if (o.Check is not null) return Check(o);
if (o.ReduceDir is not null)
{
    Console.WriteLine(Reducer.Reduce(Path.GetFullPath(o.ReduceDir), o.ReduceSeconds, o.TimeoutMs) ?? "wasm-reduce failed; see reduce.log");
    return 0;
}
return new Fuzzer(o).Run();

static int Check(Options o)
{
    // wasm-reduce's test command: prints the mismatch signature, "same" or "invalid" (always exit 0).
    if (ProcessRunner.Run("wasm-validate", [o.Check!], TimeSpan.FromSeconds(30)).ExitCode != 0)
    {
        Console.WriteLine("invalid");
        return 0;
    }
    // The module runs as the fuzzer ran it: with its nondeterministic NaNs canonicalized (again, if it was prepared).
    string canonical = Path.GetFullPath(o.Check!) + ".canonical.wasm";
    try { File.WriteAllBytes(canonical, Harness.Canonicalize(File.ReadAllBytes(o.Check!))); }
    catch (Exception e) when (e is not IOException)
    {
        Console.WriteLine("kiln-decode");
        if (o.Verbose) Console.Error.WriteLine(e.Message);
        return 0;
    }
    using var engines = new Engines(TimeSpan.FromMilliseconds(o.TimeoutMs), o.Engines);
    var (verdict, outcomes) = engines.Run(canonical);
    Console.WriteLine(verdict.Agree ? "same" : verdict.Signature);
    if (o.Verbose)
    {
        Console.Error.WriteLine(verdict.Detail);
        foreach (var x in outcomes) Console.Error.WriteLine($"{x.Engine}: {x.Status} {x.Detail}\n  " + string.Join("\n  ", x.Events));
    }
    return 0;
}
