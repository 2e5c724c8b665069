using System.Diagnostics;
using System.Text.Json;

namespace Kiln.DiffFuzz;

/// <summary>V8 through one long-lived <c>node runner.mjs --serve</c> per lane; trap messages become kinds here.</summary>
internal sealed class V8Runner : IDisposable
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "runner.mjs");
    private readonly LineWorker worker = new(() => new ProcessStartInfo("node") { ArgumentList = { "--stack-size=900", Script, "--serve" } });

    public Outcome Run(string path, TimeSpan timeout)
    {
        var (status, line) = worker.Ask(path, timeout);
        if (status == LineWorker.Status.Timeout) return Outcome.Failed("v8", "timeout", "");
        if (status == LineWorker.Status.Exited) return Outcome.Failed("v8", "error", "node " + line);
        using var doc = JsonDocument.Parse(line);
        if (doc.RootElement.TryGetProperty("error", out var error)) return Outcome.Failed("v8", "error", error.GetString() ?? "");
        var events = doc.RootElement.GetProperty("events").EnumerateArray().Select(e => Normalize(e.GetString() ?? "")).ToList();
        return new Outcome("v8", "ok", events);
    }

    private static string Normalize(string e)
    {
        int i = e.IndexOf(" ! msg:", StringComparison.Ordinal);
        return i < 0 ? e : e[..i] + " ! " + TrapKinds.OfMessage(e[(i + 7)..]);
    }

    public void Dispose() => worker.Dispose();
}
