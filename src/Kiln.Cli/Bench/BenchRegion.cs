using System.Diagnostics;
using Kiln.Runtime;
using Kiln.Wasm.Model;

namespace Kiln.Cli.Bench;

/// <summary>
/// The measured region of one run: the host side of the Sightglass imports <c>bench.start</c> and <c>bench.end</c>
/// (both <c>[] -&gt; []</c>). Exactly one start followed by one end is accepted; anything else stops the guest with a
/// <see cref="BenchRegionException"/> (it surfaces as a trap wrapping it), so a wrong program never yields a number.
/// </summary>
public sealed class BenchRegion
{
    public const string ModuleName = "bench";

    private long startTicks = -1, endTicks = -1;

    /// <summary>Forgets the previous run.</summary>
    public void Reset() => (startTicks, endTicks) = (-1, -1);

    /// <summary>Defines <c>bench.start</c> and <c>bench.end</c>, both reading <see cref="Stopwatch.GetTimestamp"/> first.</summary>
    public void AddToLinker(Linker linker)
    {
        var type = new FuncType([], []);
        linker.DefineFunction(ModuleName, "start", type, (_, _, _) => Start(Stopwatch.GetTimestamp()));
        linker.DefineFunction(ModuleName, "end", type, (_, _, _) => End(Stopwatch.GetTimestamp()));
    }

    public void Start(long now)
    {
        if (startTicks >= 0)
            throw new BenchRegionException(endTicks >= 0
                ? "bench.start called a second time (after bench.end): one measured region per run"
                : "bench.start called twice without bench.end between");
        startTicks = now;
    }

    public void End(long now)
    {
        if (startTicks < 0) throw new BenchRegionException("bench.end called before bench.start");
        if (endTicks >= 0) throw new BenchRegionException("bench.end called twice");
        endTicks = now;
    }

    /// <summary>The region's length once the guest has returned; throws if it never opened or closed it.</summary>
    public double ElapsedMilliseconds()
    {
        if (startTicks < 0) throw new BenchRegionException("the program never called bench.start (import it from module \"bench\" and call it before the measured work)");
        if (endTicks < 0) throw new BenchRegionException("the program called bench.start but never bench.end");
        return (endTicks - startTicks) * 1000.0 / Stopwatch.Frequency;
    }
}

/// <summary>The guest used <c>bench.start</c>/<c>bench.end</c> the wrong way.</summary>
public sealed class BenchRegionException(string message) : Exception(message);
