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
    private Process? process;

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
        process ??= Start();
        process.StandardInput.WriteLine(path);
        process.StandardInput.Flush();
        var read = process.StandardOutput.ReadLineAsync();
        if (!read.Wait(timeout))
        {
            Stop();
            return Outcome.Failed("kiln", "timeout", "");
        }
        if (read.Result is not string json)
        {
            process.WaitForExit();
            string detail = $"worker exited with {process.ExitCode}";
            Stop();
            return Outcome.Failed("kiln", "crash", detail);
        }
        return JsonSerializer.Deserialize<Outcome>(json) ?? Outcome.Failed("kiln", "error", "bad worker output");
    }

    private static Process Start()
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var psi = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
        string? dll = typeof(KilnWorker).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--kiln-worker");
        return Process.Start(psi) ?? throw new InvalidOperationException("cannot start the Kiln worker");
    }

    private void Stop()
    {
        if (process is null) return;
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); process.WaitForExit(); } catch (InvalidOperationException) { }
        process.Dispose();
        process = null;
    }

    public void Dispose() => Stop();
}
