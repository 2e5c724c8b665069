using Kiln.Fuzz;
using Xunit.Abstractions;

namespace Kiln.Wasm.Tests.Fuzz;

/// <summary>A fixed-seed, fixed-budget mutation run: the decoder and validator must answer every case with a
/// module or their own exception, in time and without large allocations.</summary>
public sealed class DecoderFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void FixedSeedRunHasNoFailures()
    {
        var log = new StringWriter();
        var options = new FuzzOptions
        {
            Seed = 20260101,
            Iterations = 5000,
            OutputDirectory = Path.Combine(Path.GetTempPath(), "kiln-fuzz-test"),
            TimeoutMilliseconds = 10_000,
        };
        var result = new FuzzRunner(options, log).Run();
        output.WriteLine(log.ToString());
        output.WriteLine(result.Summary());
        Assert.Equal(5000, result.Cases);
        Assert.Equal(result.SeedCount, result.ValidSeedCount);
        Assert.True(result.Decoded > 0 && result.DecodeErrors > 0 && result.Valid > 0);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void MutatorIsDeterministic()
    {
        var seeds = Seeds.Build();
        var a = new Mutator(new Random(5), seeds);
        var b = new Mutator(new Random(5), seeds);
        for (int i = 0; i < 200; i++) Assert.Equal(a.Mutate(seeds[i % seeds.Count]), b.Mutate(seeds[i % seeds.Count]));
    }

    [Fact]
    public void LebPadding()
    {
        Assert.Equal([0x83, 0x80, 0x80, 0x80, 0x00], Mutator.Leb(3, 5));
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], Mutator.Leb(uint.MaxValue));
        Assert.Equal([0x00], Mutator.Leb(0));
    }
}
