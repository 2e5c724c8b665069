using System.Diagnostics;

namespace Kiln.Fuzz;

/// <summary>
/// Feeds mutated binaries to a <see cref="IFuzzTarget"/> (by default the core module decoder and validator).
/// Every case must end as the target allows (a result or the target's own exceptions); any other outcome, a case
/// that outlives the timeout, or one that allocates more than the limit is a failure, saved with its seed.
/// Cases run on a worker thread watched by the caller's thread, so a hang is reported instead of hanging.
/// </summary>
public sealed class FuzzRunner(FuzzOptions options, TextWriter log, IFuzzTarget? target = null)
{
    private readonly IFuzzTarget _target = target ?? new ModuleFuzzTarget();

    // The worker publishes which case it is on and when it started; the watcher reads them.
    private long _currentCase = -1;
    private long _caseStartTicks;
    private byte[]? _currentInput;

    public FuzzResult Run(IReadOnlyList<byte[]>? extraSeeds = null)
    {
        var seeds = _target.BuildSeeds();
        if (options.CorpusDirectory is { } dir) seeds.AddRange(Seeds.Load(dir));
        if (extraSeeds is not null) seeds.AddRange(extraSeeds);
        var result = new FuzzResult { Seed = options.Seed, SeedCount = seeds.Count };
        foreach (var s in seeds)
            if (_target.IsValid(s)) result.ValidSeedCount++;

        var clock = Stopwatch.StartNew();
        bool finished = false;
        var worker = new Thread(() =>
        {
            Work(seeds, result, clock);
            Volatile.Write(ref finished, true);
        }, 64 << 20) { IsBackground = true, Name = "fuzz worker" };
        worker.Start();

        while (!Volatile.Read(ref finished))
        {
            Thread.Sleep(20);
            long c = Interlocked.Read(ref _currentCase);
            long started = Interlocked.Read(ref _caseStartTicks);
            if (c >= 0 && Stopwatch.GetElapsedTime(started).TotalMilliseconds > options.TimeoutMilliseconds
                && c == Interlocked.Read(ref _currentCase))
            {
                // The worker cannot be stopped; record the hang and leave it behind (it is a background thread).
                lock (result) Fail(result, c, "timeout", $"case ran over {options.TimeoutMilliseconds} ms", Volatile.Read(ref _currentInput));
                break;
            }
        }
        result.Elapsed = clock.Elapsed;
        return result;
    }

    /// <summary>The generator seed of case <paramref name="c"/>: a SplitMix64 step over the run's seed and the case
    /// number. Not <c>HashCode.Combine</c>, which .NET randomizes per process, so a case replays in another process.</summary>
    public static int CaseSeed(int seed, long c)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32 ^ (ulong)c) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    private void Work(List<byte[]> seeds, FuzzResult result, Stopwatch clock)
    {
        long first = options.OnlyCase ?? 0;
        long last = options.OnlyCase ?? (options.Iterations is { } n ? n - 1 : long.MaxValue);
        for (long c = first; c <= last; c++)
        {
            if (options.Seconds is { } s && clock.Elapsed.TotalSeconds >= s) break;
            // Each case has its own generator so it can be replayed alone with --seed and --case.
            var rng = new Random(CaseSeed(options.Seed, c));
            var seed = seeds[rng.Next(seeds.Count)];
            var input = _target is IMutatingFuzzTarget m ? m.Mutate(rng, seed) : new Mutator(rng, seeds).Mutate(seed);
            Volatile.Write(ref _currentInput, input);
            Interlocked.Exchange(ref _caseStartTicks, Stopwatch.GetTimestamp());
            Interlocked.Exchange(ref _currentCase, c);
            RunCase(c, input, result);
            Interlocked.Exchange(ref _currentCase, -1);
            lock (result) result.Cases++;
        }
    }

    private void RunCase(long c, byte[] input, FuzzResult result)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        long t0 = Stopwatch.GetTimestamp();
        string? kind, detail;
        try
        {
            (kind, detail) = _target.Run(input, result);
        }
        catch (Exception e)
        {
            (kind, detail) = ("crash", e.ToString());
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        lock (result)
        {
            result.MaxAllocatedBytes = Math.Max(result.MaxAllocatedBytes, allocated);
            result.MaxCaseMilliseconds = Math.Max(result.MaxCaseMilliseconds, ms);
            if (kind is null && allocated > options.MaxAllocatedBytes) (kind, detail) = ("allocation", $"{allocated >> 10} KiB for {input.Length} input bytes");
            if (kind is not null) Fail(result, c, kind, detail!, input);
        }
    }

    private void Fail(FuzzResult result, long c, string kind, string detail, byte[]? input)
    {
        string? path = null;
        if (input is not null)
        {
            try
            {
                Directory.CreateDirectory(options.OutputDirectory);
                path = Path.Combine(options.OutputDirectory, $"fail-{options.Seed}-{c}-{kind.Replace(' ', '-')}.wasm");
                File.WriteAllBytes(path, input);
            }
            catch (IOException)
            {
                path = null;
            }
        }
        var f = new FuzzFailure(c, options.Seed, kind, detail, path);
        result.Failures.Add(f);
        log.WriteLine($"FAIL {kind}: --seed {f.Seed} --case {c}{(path is null ? "" : $" saved {path}")}\n  {detail}");
    }
}
