using Kiln.Fuzz;
using Xunit.Abstractions;

namespace Kiln.Wasm.Tests.Fuzz;

/// <summary>The hostile-shape target (issue 17): a fixed-seed run compiles and runs shapes at random sizes, damaged or
/// not, each within the time, allocation and compile budgets; and its cases replay.</summary>
public sealed class HostileShapeFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void FixedSeedRunHasNoFailures()
    {
        var log = new StringWriter();
        var options = new FuzzOptions
        {
            Seed = 20261208,
            Iterations = 120,
            Target = "shapes",
            OutputDirectory = Path.Combine(Path.GetTempPath(), "kiln-shapes-fuzz-test"),
            TimeoutMilliseconds = 60_000,
        };
        var result = new FuzzRunner(options, log, options.CreateTarget()).Run();
        output.WriteLine(log.ToString());
        output.WriteLine(result.Summary());
        Assert.Equal(120, result.Cases);
        Assert.Equal(result.SeedCount, result.ValidSeedCount);
        // Both kinds of case happened: damaged modules refused, and valid ones compiled and called.
        Assert.True(result.DecodeErrors + result.ValidationErrors > 0, result.Summary());
        Assert.True(result.Valid > 0 && result.Returns > 0, result.Summary());
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void ACaseIsTheSameBytesWhenReplayed()
    {
        var target = new HostileShapeFuzzTarget();
        var seeds = target.BuildSeeds();
        for (int c = 0; c < 40; c++)
        {
            var a = target.Mutate(new Random(FuzzRunner.CaseSeed(9, c)), seeds[0]);
            var b = target.Mutate(new Random(FuzzRunner.CaseSeed(9, c)), seeds[0]);
            Assert.Equal(a, b);
        }
    }
}
