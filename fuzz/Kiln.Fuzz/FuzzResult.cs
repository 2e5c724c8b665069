namespace Kiln.Fuzz;

/// <summary>One failing case: what went wrong and where its input was saved.</summary>
public sealed record FuzzFailure(long Case, int Seed, string Kind, string Detail, string? SavedAs);

/// <summary>Figures of a run.</summary>
public sealed class FuzzResult
{
    public int Seed { get; init; }
    public long Cases { get; set; }
    public long Decoded { get; set; }
    public long DecodeErrors { get; set; }
    public long Valid { get; set; }
    public long ValidationErrors { get; set; }
    /// <summary>component-run: calls that returned, and calls that trapped.</summary>
    public long Returns { get; set; }
    public long Traps { get; set; }
    public long MaxAllocatedBytes { get; set; }
    public double MaxCaseMilliseconds { get; set; }
    public TimeSpan Elapsed { get; set; }
    public int SeedCount { get; set; }
    public int ValidSeedCount { get; set; }
    public List<FuzzFailure> Failures { get; } = [];

    public string Summary() =>
        $"fuzz: seed={Seed} cases={Cases} decoded={Decoded} decode-errors={DecodeErrors} valid={Valid} " +
        $"validation-errors={ValidationErrors} {(Returns + Traps > 0 ? $"returns={Returns} traps={Traps} " : "")}seeds={SeedCount} (valid {ValidSeedCount}) " +
        $"max-alloc={MaxAllocatedBytes / 1024} KiB max-case={MaxCaseMilliseconds:F1} ms " +
        $"time={Elapsed.TotalSeconds:F1} s rate={Cases / Math.Max(Elapsed.TotalSeconds, 1e-9):F0}/s failures={Failures.Count}";
}
