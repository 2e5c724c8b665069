namespace Kiln.DiffFuzz;

/// <summary>Runs one prepared module in Kiln (worker process), V8 (long-lived node) and wabt at once, and compares.</summary>
internal sealed class Engines(TimeSpan timeout) : IDisposable
{
    private readonly KilnWorker kiln = new();
    private readonly V8Runner v8 = new();

    public (Verdict Verdict, Outcome[] Outcomes) Run(string path)
    {
        var v8Task = Task.Run(() => v8.Run(path, timeout));
        var wabt = Task.Run(() => WabtRunner.Run(path, timeout));
        var k = kiln.Run(path, timeout);
        var refs = new[] { v8Task.Result, wabt.Result };
        return (Comparer.Compare(k, refs), [k, .. refs]);
    }

    public void Dispose()
    {
        kiln.Dispose();
        v8.Dispose();
    }
}
