namespace Kiln.DiffFuzz;

/// <summary>Runs one prepared module in Kiln (worker process), V8 and wabt at once, and compares.</summary>
internal sealed class Engines(TimeSpan timeout) : IDisposable
{
    private readonly KilnWorker kiln = new();

    public (Verdict Verdict, Outcome[] Outcomes) Run(string path, IReadOnlyDictionary<string, char[]> kinds)
    {
        var v8 = Task.Run(() => V8Runner.Run(path, timeout));
        var wabt = Task.Run(() => WabtRunner.Run(path, timeout));
        var k = kiln.Run(path, timeout);
        var refs = new[] { v8.Result, wabt.Result };
        return (Comparer.Compare(k, refs, kinds), [k, .. refs]);
    }

    public void Dispose() => kiln.Dispose();
}
