using System.Diagnostics;
using System.Text.Json;

namespace Kiln.DiffFuzz;

/// <summary>
/// Kiln runs in a child process of this program (<c>--kiln-worker</c>): generated code cannot be interrupted,
/// so a module that loops forever is handled by killing the worker. One module path per line in, one JSON
/// <see cref="Outcome"/> per line out; a worker that dies (a crash) or overruns is restarted for the next module.
/// </summary>
internal sealed class KilnWorker : IDisposable
{
    private readonly LineWorker worker = new(Start);

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
        return status switch
        {
            LineWorker.Status.Timeout => Outcome.Failed("kiln", "timeout", ""),
            LineWorker.Status.Exited => Outcome.Failed("kiln", "crash", text),
            _ => JsonSerializer.Deserialize<Outcome>(text) ?? Outcome.Failed("kiln", "error", "bad worker output"),
        };
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
