using System.Diagnostics;
using System.Globalization;

namespace Kiln.DiffFuzz;

/// <summary>
/// The main loop: <see cref="Options.Jobs"/> lanes each generate a module (seeded by the run seed and the module
/// number, so <c>--seed S</c> replays a run), prepare it, run it in the three engines and compare. Mismatches are
/// saved under <see cref="Options.Out"/> and, when unexplained, reduced. Ends with one summary line.
/// </summary>
internal sealed class Fuzzer(Options o)
{
    private int next = -1;
    private int finished, generated, genFailed, agreed, calls, explained, unexplained, timeouts, engineErrors;
    private readonly object gate = new();
    private readonly Dictionary<string, int> signatures = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public int Run()
    {
        Directory.CreateDirectory(o.Out);
        Console.WriteLine($"kiln-difffuzz: seed {o.Seed}, {o.Jobs} jobs, engines {string.Join(",", o.Engines)}, generator {o.Generator}, " +
            $"{(o.Modules is int m ? m + " modules" : "")}{(o.Seconds is int s ? $" up to {s} s" : "")}, out {o.Out}");
        var lanes = Enumerable.Range(0, o.Jobs).Select(_ => Task.Run(Lane)).ToArray();
        Task.WaitAll(lanes);
        Console.WriteLine($"summary: {Counts()}");
        foreach (var (sig, count) in signatures.OrderByDescending(kv => kv.Value))
            Console.WriteLine($"  {count,5}  {sig}");
        // A run that compared nothing proves nothing; the CI run must compare every one of its modules (a module
        // lost to a generator failure, or a run cut short, would silently shrink what CI checks).
        var incomplete = new List<string>();
        if (finished == 0 || calls == 0) incomplete.Add($"{finished} modules and {calls} calls compared");
        if (o.Ci && finished != o.Modules) incomplete.Add($"{finished} of the {o.Modules} modules compared ({genFailed} generator failures)");
        foreach (var why in incomplete) Console.WriteLine($"incomplete run: {why}");
        // A reference engine that cannot run a module leaves Kiln compared with one engine or none: a clean run
        // must have none of those (each is saved under --out as engine-error-*).
        return unexplained > 0 || engineErrors > 0 || incomplete.Count > 0 ? 1 : 0;
    }

    /// <summary>Counts a module whose outcome is recorded (under the lock); long runs say how far they are every
    /// 500, so a run stopped early still has its counts.</summary>
    private void Finished()
    {
        if (++finished % 500 == 0) Console.WriteLine($"progress: {Counts()}");
    }

    private string Counts() =>
        $"seed {o.Seed}, {generated} modules generated ({genFailed} generator failures), " +
        $"{calls} calls compared, {agreed} modules agreed, {explained + unexplained} mismatches " +
        $"({explained} explained, {unexplained} unexplained), {timeouts} all-engine timeouts, {engineErrors} reference-engine errors, " +
        $"{clock.Elapsed.TotalSeconds:F0} s";

    private void Lane()
    {
        var timeout = TimeSpan.FromMilliseconds(o.TimeoutMs);
        string work = Directory.CreateTempSubdirectory("kiln-difffuzz-").FullName;
        using var engines = new Engines(timeout, o.Engines);
        try
        {
            while (true)
            {
                int i = Interlocked.Increment(ref next);
                if (o.Modules is int max && i >= max) return;
                if (o.Seconds is int sec && clock.Elapsed.TotalSeconds >= sec) return;
                One(i, work, engines, timeout);
            }
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private void One(int i, string work, Engines engines, TimeSpan timeout)
    {
        var rng = new Random(ModuleSeed(o.Seed, i));
        bool own = o.Generator == "own" || (o.Generator == "both" && i % 2 == 1);
        byte[]? original;
        string? wat = null;
        if (own) (original, wat) = Sources.Own(rng, work, timeout);
        else original = Sources.Ttf(rng, work, timeout);
        if (original is null)
        {
            lock (gate) genFailed++;
            if (own && wat is not null) File.WriteAllText(Path.Combine(o.Out, $"genfail-{o.Seed}-{i}.wat"), wat);
            return;
        }
        byte[] prepared;
        List<CallSpec> specs;
        try
        {
            (prepared, specs) = Harness.Prepare(original, rng);
        }
        catch (Exception e)
        {
            // Kiln's decoder refused a module wat2wasm/binaryen made: that is a finding in itself.
            Record(i, original, wat, original, [], [Outcome.Failed("kiln", "error", "decode: " + e.Message)],
                new Verdict(false, false, "kiln-decode", e.Message, 0));
            return;
        }
        string path = Path.Combine(work, "prepared.wasm");
        File.WriteAllBytes(path, prepared);
        var validate = ProcessRunner.Run("wasm-validate", [path], timeout);
        if (validate.ExitCode != 0)
        {
            // The generator's module was valid (binaryen or wat2wasm checked it); the harness's rewrite of it
            // through Kiln's decoder and encoder is not. That is a finding about Kiln, never a generator failure.
            string why = validate.TimedOut ? "wasm-validate timed out" : validate.Stderr.Split('\n')[0];
            Record(i, original, wat, prepared, specs, [Outcome.Failed("kiln", "error", "re-encoded module invalid: " + why)],
                new Verdict(false, false, "kiln-reencode-invalid", why, 0));
            return;
        }
        var (verdict, outcomes) = engines.Run(path);
        // (Kiln on another target failing is a mismatch of its own, see Comparer, not a reference-engine error.)
        bool referenceError = outcomes.Skip(1).Any(x => x.Status == "error" && !x.Engine.StartsWith("kiln", StringComparison.Ordinal));
        if (referenceError)
        {
            // Not a mismatch (the other reference still counts), but saved: an engine that cannot run a module
            // the validator accepts is either a harness flaw or a reference-engine limit, and must be looked at.
            string dir = Finding.Save(o.Out, $"engine-error-{o.Seed}-{i}", original, wat, prepared, specs, outcomes, verdict);
            Console.WriteLine($"[{i}] reference-engine error: " + string.Join("; ", outcomes.Skip(1).Where(x => x.Status == "error")
                .Select(x => $"{x.Engine}: {x.Detail.Split('\n')[0]}")) + $" -> {dir}");
        }
        lock (gate)
        {
            generated++;
            if (referenceError) engineErrors++;
            if (verdict.Agree)
            {
                agreed++;
                calls += verdict.CallsCompared;
                if (outcomes.All(x => x.Status == "timeout")) timeouts++;
                if (o.Verbose) Console.WriteLine($"[{i}] agree ({verdict.CallsCompared} calls)");
                Finished();
                return;
            }
        }
        Record(i, original, wat, prepared, specs, outcomes, verdict);
    }

    /// <summary>The module's own seed: SplitMix64 of the run seed and module number. (HashCode.Combine, used
    /// before, is randomized per process, so <c>--seed</c> did not replay a run.)</summary>
    private static int ModuleSeed(int seed, int i)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)i) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }

    private void Record(int i, byte[] original, string? wat, byte[] prepared, List<CallSpec> specs, Outcome[] outcomes, Verdict verdict)
    {
        string name = $"{(verdict.Explained ? "explained" : "mismatch")}-{o.Seed}-{i}";
        string dir = Finding.Save(o.Out, name, original, wat, prepared, specs, outcomes, verdict);
        lock (gate)
        {
            if (verdict.Explained) explained++; else unexplained++;
            signatures[verdict.Signature] = signatures.GetValueOrDefault(verdict.Signature) + 1;
            calls += verdict.CallsCompared;
            Console.WriteLine($"[{i}] {(verdict.Explained ? "explained" : "MISMATCH")} {verdict.Signature}: {verdict.Detail} -> {dir}");
            Finished();
        }
        if (!verdict.Explained && o.Reduce && signatures[verdict.Signature] <= 2)
        {
            string? reduced = Reducer.Reduce(Path.GetFullPath(dir), o.ReduceSeconds, o.TimeoutMs);
            Console.WriteLine($"[{i}] reduced: {reduced ?? "(wasm-reduce failed; see reduce.log)"}");
        }
    }
}
