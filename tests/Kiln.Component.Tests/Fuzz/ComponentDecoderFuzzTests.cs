using Kiln.Fuzz;
using Xunit.Abstractions;

namespace Kiln.Component.Tests.Fuzz;

/// <summary>A fixed-seed, fixed-budget mutation run of the component decoder: every case ends in a component or a
/// ComponentDecodeException with an offset inside the input, within the case timeout and allocation bound, and
/// every decoded component survives encode → decode as an equal component.</summary>
public sealed class ComponentDecoderFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void FixedSeedRunHasNoFailures()
    {
        var log = new StringWriter();
        var options = new FuzzOptions
        {
            Seed = 20260102,
            Iterations = 5000,
            OutputDirectory = Path.Combine(Path.GetTempPath(), "kiln-component-fuzz-test"),
            TimeoutMilliseconds = 10_000,
            MaxAllocatedBytes = 16L << 20,
            Target = "component",
        };
        var result = new FuzzRunner(options, log, options.CreateTarget()).Run();
        output.WriteLine(log.ToString());
        output.WriteLine(result.Summary());
        Assert.Equal(5000, result.Cases);
        Assert.Equal(result.SeedCount, result.ValidSeedCount);
        Assert.True(result.Decoded > 0 && result.DecodeErrors > 0);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void EverySeedDecodesAndCoversEveryCanonicalDefinition()
    {
        var seeds = ComponentSeeds.Build();
        var ops = new HashSet<Kiln.Component.Model.CanonOp>();
        foreach (var s in seeds)
            foreach (var f in Kiln.Component.Binary.ComponentDecoder.Decode(s).Items<Kiln.Component.Model.CanonicalFunction>())
                ops.Add(f.Op);
        foreach (var n in seeds.Select(s => Kiln.Component.Binary.ComponentDecoder.Decode(s)).SelectMany(c => c.Sections.OfType<Kiln.Component.Model.NestedComponentSection>()))
            foreach (var f in n.Component.Items<Kiln.Component.Model.CanonicalFunction>()) ops.Add(f.Op);
        Assert.Equal(Kiln.Component.Model.CanonOpTable.All.Select(r => r.Op).ToHashSet(), ops);
    }
}
