using System.Diagnostics;
using System.Text.Json;

namespace Kiln.DiffFuzz;

/// <summary>
/// Kiln runs in a child process of this program (<c>--kiln-worker</c>): generated code cannot be interrupted,
/// so a module that loops forever is handled by killing the worker. One module path per line in, one JSON
/// <see cref="Outcome"/> per line out; a worker that dies (a crash) or overruns is restarted for the next module.
/// The same worker runs as AArch64 code under qemu-user for the <c>kiln-aarch64</c> engine (<see cref="AArch64"/>).
/// </summary>
internal sealed class KilnWorker(string engine, Func<ProcessStartInfo> start, int recycleAfter = 0) : IDisposable
{
    private readonly LineWorker worker = new(start, recycleAfter);

    /// <summary>Modules one AArch64 worker runs before a fresh one replaces it: under qemu-user 7.2 the worker's memory
    /// grows by megabytes per module (the emulator keeps page bookkeeping of every guard-page reservation the runtime
    /// ever made and unmapped), gigabytes within minutes of fuzzing; a restart costs a few seconds.</summary>
    private const int AArch64RecycleAfter = 40;

    /// <summary>The worker as this process, x86-64 (the <c>kiln</c> engine).</summary>
    public static KilnWorker Native() => new("kiln", Start);

    /// <summary>The worker as AArch64 code: <c>scripts/kiln-aarch64-worker</c> (Kiln.DiffFuzz published for
    /// linux-arm64, under qemu-aarch64), published up front by <see cref="PrepareAArch64"/>.</summary>
    public static KilnWorker AArch64() => new("kiln-aarch64", () => new ProcessStartInfo(AArch64Script()), AArch64RecycleAfter);

    /// <summary>Publishes the AArch64 worker if it is missing or stale (minutes the first time), so that no module's
    /// time limit pays for it; false (with the reason) when that fails.</summary>
    public static bool PrepareAArch64(out string why)
    {
        var r = ProcessRunner.Run(AArch64Script(), ["--publish"], TimeSpan.FromMinutes(30));
        why = r.TimedOut ? "publishing timed out" : r.Stderr.Trim();
        return r.ExitCode == 0 && !r.TimedOut;
    }

    private static string AArch64Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string script = Path.Combine(dir.FullName, "scripts", "kiln-aarch64-worker");
            if (File.Exists(script)) return script;
        }
        throw new FileNotFoundException("scripts/kiln-aarch64-worker not found above " + AppContext.BaseDirectory);
    }

    public static int Serve()
    {
        var runner = new KilnRunner();
        string? line;
        while ((line = Console.In.ReadLine()) is not null)
        {
            Outcome o;
            try { o = runner.Run(File.ReadAllBytes(line)); }
            catch (Exception e) { o = Outcome.Failed("kiln", "error", $"{e.GetType().Name}: {e.Message}"); }
            Console.Out.WriteLine(JsonSerializer.Serialize(o));
            Console.Out.Flush();
        }
        return 0;
    }

    public Outcome Run(string path, TimeSpan timeout)
    {
        var (status, text) = worker.Ask(path, timeout);
        var o = status switch
        {
            LineWorker.Status.Timeout => Outcome.Failed(engine, "timeout", ""),
            LineWorker.Status.Exited => Outcome.Failed(engine, "crash", text),
            _ => JsonSerializer.Deserialize<Outcome>(text) ?? Outcome.Failed(engine, "error", "bad worker output"),
        };
        // The worker process calls itself "kiln" whatever it runs as.
        return o with { Engine = engine };
    }

    private static ProcessStartInfo Start()
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var psi = new ProcessStartInfo(self);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(KilnWorker).Assembly.Location);
        psi.ArgumentList.Add("--kiln-worker");
        return psi;
    }

    public void Dispose() => worker.Dispose();
}
