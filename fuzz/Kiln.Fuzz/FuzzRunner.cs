using System.Diagnostics;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Validation;

namespace Kiln.Fuzz;

/// <summary>
/// Feeds mutated binaries to the decoder and validator. Every case must end in a <see cref="Module"/>, a
/// <see cref="WasmDecodeException"/> or a <see cref="WasmValidationException"/>; any other exception, a case
/// that outlives the timeout, or one that allocates more than the limit is a failure, saved with its seed.
/// A module that decodes must also survive encode → decode unchanged.
/// Cases run on a worker thread watched by the caller's thread, so a hang is reported instead of hanging.
/// </summary>
public sealed class FuzzRunner(FuzzOptions options, TextWriter log)
{
    // The worker publishes which case it is on and when it started; the watcher reads them.
    private long _currentCase = -1;
    private long _caseStartTicks;
    private byte[]? _currentInput;

    public FuzzResult Run(IReadOnlyList<byte[]>? extraSeeds = null)
    {
        var seeds = Seeds.Build();
        if (options.CorpusDirectory is { } dir) seeds.AddRange(Seeds.Load(dir));
        if (extraSeeds is not null) seeds.AddRange(extraSeeds);
        var result = new FuzzResult { Seed = options.Seed, SeedCount = seeds.Count };
        foreach (var s in seeds)
            if (IsValid(s)) result.ValidSeedCount++;

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

    private void Work(List<byte[]> seeds, FuzzResult result, Stopwatch clock)
    {
        long first = options.OnlyCase ?? 0;
        long last = options.OnlyCase ?? (options.Iterations is { } n ? n - 1 : long.MaxValue);
        for (long c = first; c <= last; c++)
        {
            if (options.Seconds is { } s && clock.Elapsed.TotalSeconds >= s) break;
            // Each case has its own generator so it can be replayed alone with --seed and --case.
            var rng = new Random(HashCode.Combine(options.Seed, c));
            var seed = seeds[rng.Next(seeds.Count)];
            var input = new Mutator(rng, seeds).Mutate(seed);
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
        string? kind = null, detail = null;
        try
        {
            var module = ModuleDecoder.Decode(input);
            lock (result) result.Decoded++;
            var again = ModuleDecoder.Decode(ModuleEncoder.Encode(module));
            if (ModuleComparer.FirstDifference(module, again) is { } diff) (kind, detail) = ("round trip", diff);
            else Validate(module, result);
        }
        catch (WasmDecodeException e)
        {
            lock (result) result.DecodeErrors++;
            if (e.Offset < 0 || e.Offset > input.Length) (kind, detail) = ("bad offset", e.Message);
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

    private static void Validate(WasmModule module, FuzzResult result)
    {
        try
        {
            ModuleValidator.Validate(module);
            lock (result) result.Valid++;
        }
        catch (WasmValidationException)
        {
            lock (result) result.ValidationErrors++;
        }
        catch (WasmDecodeException)
        {
            // The validator may meet malformed code the decoder's structural scan let through (it does not type).
            lock (result) result.ValidationErrors++;
        }
    }

    private static bool IsValid(byte[] bytes)
    {
        try
        {
            ModuleValidator.Validate(ModuleDecoder.Decode(bytes));
            return true;
        }
        catch (Exception e) when (e is WasmDecodeException or WasmValidationException)
        {
            return false;
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
