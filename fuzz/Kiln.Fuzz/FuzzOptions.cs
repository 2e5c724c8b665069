namespace Kiln.Fuzz;

/// <summary>Settings of one fuzzing run; <see cref="Parse"/> reads them from the command line.</summary>
public sealed class FuzzOptions
{
    public int Seed { get; set; } = Environment.TickCount & int.MaxValue;

    /// <summary>Number of cases; unlimited (until <see cref="Seconds"/>) when null.</summary>
    public long? Iterations { get; set; }
    public double? Seconds { get; set; }
    public string? CorpusDirectory { get; set; }
    public string OutputDirectory { get; set; } = "fuzz-out";

    /// <summary>A case running longer than this is a hang.</summary>
    public int TimeoutMilliseconds { get; set; } = 5000;

    /// <summary>A case allocating more than this is a failure (a count trusted before it was checked).</summary>
    public long MaxAllocatedBytes { get; set; } = 64L << 20;

    /// <summary>Run only this case number (to reproduce a failure printed with its seed).</summary>
    public long? OnlyCase { get; set; }

    /// <summary>What to fuzz: <c>module</c> (core decoder and validator), <c>component</c> (component decoder) or
    /// <c>component-run</c> (hostile components: constants in valid components' core code changed, then run) or
    /// <c>shapes</c> (the hostile shapes of issue 17 at random sizes, some mutated, compiled under a budget and run).</summary>
    public string Target { get; set; } = "module";

    public IFuzzTarget CreateTarget() => Target switch
    {
        "module" => new ModuleFuzzTarget(),
        "component" => new ComponentFuzzTarget(),
        "component-run" => new HostileComponentFuzzTarget(),
        "shapes" => new HostileShapeFuzzTarget(),
        _ => throw new ArgumentException($"unknown target {Target} (module, component, component-run or shapes)"),
    };

    public static FuzzOptions Parse(string[] args)
    {
        var o = new FuzzOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--seed": o.Seed = int.Parse(Next()); break;
                case "--iterations": o.Iterations = long.Parse(Next()); break;
                case "--seconds": o.Seconds = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--corpus": o.CorpusDirectory = Next(); break;
                case "--out": o.OutputDirectory = Next(); break;
                case "--timeout-ms": o.TimeoutMilliseconds = int.Parse(Next()); break;
                case "--max-alloc-mib": o.MaxAllocatedBytes = long.Parse(Next()) << 20; break;
                case "--case": o.OnlyCase = long.Parse(Next()); break;
                case "--target": o.Target = Next(); o.CreateTarget(); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (o.Iterations is null && o.Seconds is null) o.Iterations = 10_000;
        return o;
    }

    public const string Usage =
        "usage: Kiln.Fuzz [--target module|component|component-run|shapes] [--seed N] [--iterations N] [--seconds N] [--corpus DIR] [--out DIR] [--timeout-ms N] [--max-alloc-mib N] [--case K]";
}
