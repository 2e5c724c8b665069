using Kiln.Cli.Bench;

namespace Kiln.Cli.Tests;

public sealed class BenchRegionTests
{
    [Fact]
    public void StartThenEndGivesTheTicksBetween()
    {
        var r = new BenchRegion();
        r.Start(1000);
        r.End(1000 + System.Diagnostics.Stopwatch.Frequency / 4);
        Assert.Equal(250.0, r.ElapsedMilliseconds(), 6);
    }

    [Fact]
    public void NeverStartedIsAnError()
    {
        var e = Assert.Throws<BenchRegionException>(() => new BenchRegion().ElapsedMilliseconds());
        Assert.Contains("never called bench.start", e.Message);
    }

    [Fact]
    public void StartWithoutEndIsAnError()
    {
        var r = new BenchRegion();
        r.Start(1);
        var e = Assert.Throws<BenchRegionException>(() => r.ElapsedMilliseconds());
        Assert.Contains("never bench.end", e.Message);
    }

    [Fact]
    public void SecondStartIsAnError()
    {
        var r = new BenchRegion();
        r.Start(1);
        Assert.Contains("twice", Assert.Throws<BenchRegionException>(() => r.Start(2)).Message);
        r.End(3);
        Assert.Contains("second time", Assert.Throws<BenchRegionException>(() => r.Start(4)).Message);
    }

    [Fact]
    public void EndBeforeStartAndDoubleEndAreErrors()
    {
        var r = new BenchRegion();
        Assert.Contains("before bench.start", Assert.Throws<BenchRegionException>(() => r.End(1)).Message);
        r.Start(2);
        r.End(3);
        Assert.Contains("twice", Assert.Throws<BenchRegionException>(() => r.End(4)).Message);
    }

    [Fact]
    public void ResetForgetsThePreviousRun()
    {
        var r = new BenchRegion();
        r.Start(1);
        r.End(2);
        r.Reset();
        Assert.Throws<BenchRegionException>(() => r.ElapsedMilliseconds());
        r.Start(5);
        r.End(5);
        Assert.Equal(0.0, r.ElapsedMilliseconds());
    }

    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 1.0, 2.0, 9.0 }, 2.0)]
    [InlineData(new[] { 1.0, 2.0, 4.0, 9.0 }, 3.0)]
    public void MedianOfSortedValues(double[] sorted, double median) => Assert.Equal(median, BenchReport.Median(sorted));
}
