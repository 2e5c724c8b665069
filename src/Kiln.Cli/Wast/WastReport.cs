using System.Text.Json;

namespace Kiln.Cli.Wast;

/// <summary>Collects directive results, prints failures as they come, and writes the summary and JSON.</summary>
public sealed class WastReport(TextWriter output, bool verbose)
{
    private readonly List<DirectiveResult> _results = [];

    public int Passed { get; private set; }
    public int Failed { get; private set; }
    public int Skipped { get; private set; }
    public IReadOnlyList<DirectiveResult> Results => _results;

    public void Add(DirectiveResult r)
    {
        _results.Add(r);
        switch (r.Outcome)
        {
            case Outcome.Pass:
                Passed++;
                if (verbose) output.WriteLine($"{r.File}:{r.Line}: {r.Kind}: pass");
                break;
            case Outcome.Fail:
                Failed++;
                output.WriteLine($"{r.File}:{r.Line}: {r.Kind}: FAIL: {r.Message}");
                break;
            case Outcome.Skip:
                Skipped++;
                if (verbose) output.WriteLine($"{r.File}:{r.Line}: {r.Kind}: skipped: {r.Message}");
                break;
        }
    }

    /// <summary>Counts of skipped directives by reason, most frequent first, so a run says what it could not do.</summary>
    public IEnumerable<(string Reason, int Count)> SkipReasons()
    {
        var counts = new Dictionary<string, int>();
        foreach (var r in _results)
        {
            if (r.Outcome == Outcome.Skip) counts[r.Message] = counts.GetValueOrDefault(r.Message) + 1;
        }
        var list = new List<(string, int)>();
        foreach (var kv in counts) list.Add((kv.Key, kv.Value));
        list.Sort((a, b) => b.Item2.CompareTo(a.Item2));
        return list;
    }

    public string Summary => $"{Passed} passed, {Failed} failed, {Skipped} skipped";

    public void WriteJson(string path)
    {
        using var stream = File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartArray();
        foreach (var r in _results)
        {
            w.WriteStartObject();
            w.WriteString("file", r.File);
            w.WriteNumber("line", r.Line);
            w.WriteString("kind", r.Kind);
            w.WriteString("result", r.Outcome switch { Outcome.Pass => "pass", Outcome.Fail => "fail", _ => "skip" });
            w.WriteString("message", r.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
