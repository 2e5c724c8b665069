namespace Kiln.DiffFuzz;

/// <summary>Runs one prepared module in Kiln (worker process) and in the other engines chosen (<see cref="Options.Engines"/>:
/// V8 in a long-lived node, wabt, Kiln as AArch64 under emulation) at once, and compares Kiln with each.</summary>
internal sealed class Engines : IDisposable
{
    private readonly TimeSpan timeout;
    private readonly KilnWorker kiln = KilnWorker.Native();
    private readonly V8Runner? v8;
    private readonly bool wabt;
    private readonly KilnWorker? aarch64;

    /// <summary>Emulated AArch64 code runs several times slower, and its worker's first module pays the .NET
    /// runtime's start-up and JIT under qemu: its limit is this many times the others' (at least a minute).</summary>
    private const int EmulationSlowdown = 10;

    public Engines(TimeSpan timeout, IReadOnlyList<string> names)
    {
        this.timeout = timeout;
        if (names.Contains("v8")) v8 = new V8Runner();
        wabt = names.Contains("wabt");
        if (names.Contains("kiln-aarch64")) aarch64 = KilnWorker.AArch64();
    }

    public (Verdict Verdict, Outcome[] Outcomes) Run(string path)
    {
        var v8Task = v8 is null ? null : Task.Run(() => v8.Run(path, timeout));
        var wabtTask = wabt ? Task.Run(() => WabtRunner.Run(path, timeout)) : null;
        var armTask = aarch64 is null ? null
            : Task.Run(() => aarch64.Run(path, TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, timeout.Ticks * EmulationSlowdown))));
        var k = kiln.Run(path, timeout);
        var refs = new List<Outcome>();
        if (armTask is not null) refs.Add(armTask.Result);
        if (v8Task is not null) refs.Add(v8Task.Result);
        if (wabtTask is not null) refs.Add(wabtTask.Result);
        return (Comparer.Compare(k, refs), [k, .. refs]);
    }

    public void Dispose()
    {
        kiln.Dispose();
        v8?.Dispose();
        aarch64?.Dispose();
    }
}
