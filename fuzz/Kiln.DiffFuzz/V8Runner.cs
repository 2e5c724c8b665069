using System.Text.Json;

namespace Kiln.DiffFuzz;

/// <summary>V8 through Node.js and <c>runner.mjs</c>; trap messages become kinds here.</summary>
internal static class V8Runner
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "runner.mjs");

    public static Outcome Run(string path, TimeSpan timeout)
    {
        var r = ProcessRunner.Run("node", ["--stack-size=900", Script, path], timeout);
        if (r.TimedOut) return Outcome.Failed("v8", "timeout", "");
        string? line = r.Stdout.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (r.ExitCode != 0 || line is null) return Outcome.Failed("v8", "error", (r.Stderr + r.Stdout).Trim());
        using var doc = JsonDocument.Parse(line);
        var events = doc.RootElement.GetProperty("events").EnumerateArray().Select(e => Normalize(e.GetString() ?? "")).ToList();
        return new Outcome("v8", "ok", events);
    }

    private static string Normalize(string e)
    {
        int i = e.IndexOf(" ! msg:", StringComparison.Ordinal);
        return i < 0 ? e : e[..i] + " ! " + TrapKinds.OfMessage(e[(i + 7)..]);
    }
}
