using System.Diagnostics;

namespace Kiln.Bench.Wasmtime;

/// <summary>The Sightglass imports <c>bench.start</c> and <c>bench.end</c>: the host clock is read first thing in
/// each; the program must call start once, then end once (as <c>kiln bench</c> requires).</summary>
internal sealed class BenchRegion
{
    private long start, end;
    private int starts, ends;

    public void Reset() => (start, end, starts, ends) = (0, 0, 0, 0);

    public void Start()
    {
        long now = Stopwatch.GetTimestamp();
        if (starts++ > 0 || ends > 0) throw new InvalidOperationException("bench.start called twice or after bench.end");
        start = now;
    }

    public void End()
    {
        long now = Stopwatch.GetTimestamp();
        if (starts != 1 || ends++ > 0) throw new InvalidOperationException("bench.end without one bench.start before it");
        end = now;
    }

    /// <summary>The measured region, or an error message if the program did not call start, then end, once each.</summary>
    public (double Ms, string? Error) Elapsed() => starts == 1 && ends == 1
        ? ((end - start) * 1000.0 / Stopwatch.Frequency, null)
        : (0, $"the program called bench.start {starts} and bench.end {ends} times (once each is needed)");
}
