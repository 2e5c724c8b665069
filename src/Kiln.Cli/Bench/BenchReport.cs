using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kiln.Cli.Bench;

/// <summary>The per-phase min/median/max table (for stderr) and the per-iteration JSON of <c>kiln bench</c>.</summary>
public static class BenchReport
{
    public static string Table(string file, IReadOnlyList<BenchIteration> runs, int warmup, bool fromArtifact)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"kiln bench: {file}: {runs.Count} iteration(s)");
        if (warmup > 0) sb.Append(CultureInfo.InvariantCulture, $" after {warmup} warmup(s)");
        sb.AppendLine();
        sb.AppendLine($"  {"phase",-22} {"min ms",12} {"median ms",12} {"max ms",12}");
        Row(sb, fromArtifact ? "load (artifact)" : "compile", runs, r => r.CompileMs);
        Row(sb, "instantiate", runs, r => r.InstantiateMs);
        Row(sb, "exec (start..end)", runs, r => r.ExecMs);
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string phase, IReadOnlyList<BenchIteration> runs, Func<BenchIteration, double> pick)
    {
        var values = new double[runs.Count];
        for (int i = 0; i < values.Length; i++) values[i] = pick(runs[i]);
        Array.Sort(values);
        sb.AppendLine(CultureInfo.InvariantCulture, $"  {phase,-22} {values[0],12:F3} {Median(values),12:F3} {values[^1],12:F3}");
    }

    /// <summary>The median of sorted <paramref name="sorted"/> (mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> sorted)
    {
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>Writes <c>[{"compile_ms": …, "instantiate_ms": …, "exec_ms": …}, …]</c>, one object per iteration.</summary>
    public static void WriteJson(string path, IReadOnlyList<BenchIteration> runs)
    {
        try
        {
            using var stream = File.Create(path);
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartArray();
            foreach (var r in runs)
            {
                w.WriteStartObject();
                w.WriteNumber("compile_ms", r.CompileMs);
                w.WriteNumber("instantiate_ms", r.InstantiateMs);
                w.WriteNumber("exec_ms", r.ExecMs);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.Flush();
            stream.WriteByte((byte)'\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write '{path}': {e.Message}");
        }
    }
}
