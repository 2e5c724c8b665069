using System.Globalization;
using System.Text.RegularExpressions;

namespace Kiln.DiffFuzz;

/// <summary>wabt's interpreter: <c>wasm-interp --run-all-exports --dummy-import-func</c>, output parsed into events.</summary>
internal static partial class WabtRunner
{
    public static Outcome Run(string path, TimeSpan timeout)
    {
        var r = ProcessRunner.Run("wasm-interp", ["--run-all-exports", "--dummy-import-func", "-C", "100000", path], timeout);
        if (r.TimedOut) return Outcome.Failed("wabt", "timeout", "");
        var events = new List<string>();
        // A trap during instantiation (an element or data segment out of bounds) goes to stderr, before any export runs.
        string? initError = r.Stderr.Split('\n').FirstOrDefault(l => l.StartsWith("error initializing module", StringComparison.Ordinal));
        if (initError is not null) events.Add("instantiate ! " + TrapKinds.OfMessage(initError.TrimEnd()));
        foreach (var raw in r.Stdout.Split('\n'))
        {
            string line = raw.TrimEnd();
            if (line.Length == 0) continue;
            Match m;
            if ((m = HostCall().Match(line)).Success)
                events.Add($"log {m.Groups[1].Value}" + Values(m.Groups[2].Value, host: true));
            else if ((m = Call().Match(line)).Success)
            {
                string rest = m.Groups[2].Value.Trim();
                events.Add(rest.StartsWith("error:", StringComparison.Ordinal)
                    ? $"call {m.Groups[1].Value} ! {TrapKinds.OfMessage(rest[6..])}"
                    : $"call {m.Groups[1].Value} =" + Values(rest, host: false));
            }
            else if (line.StartsWith("error initializing module", StringComparison.Ordinal) || line.Contains("start function", StringComparison.Ordinal))
                events.Add("instantiate ! " + TrapKinds.OfMessage(line));
            else
                return Outcome.Failed("wabt", "error", r.Stdout + r.Stderr);
        }
        if (r.ExitCode != 0 && events.Count == 0) return Outcome.Failed("wabt", "error", r.Stderr.Trim());
        return new Outcome("wabt", "ok", events);
    }

    private static string Values(string list, bool host)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var part in list.Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = part.IndexOf(':');
            string type = part[..colon], v = part[(colon + 1)..];
            sb.Append(' ').Append(type switch
            {
                "i32" => uint.Parse(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                "i64" => ulong.Parse(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                "f32" or "f64" => "fmt:" + (v.EndsWith("nan", StringComparison.Ordinal) ? "nan" : v),
                _ => host ? v : part,
            });
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"^called host [^.]+\.([^(]+)\((.*)\) =>")]
    private static partial Regex HostCall();

    [GeneratedRegex(@"^([A-Za-z0-9_$]+)\(\) =>(.*)$")]
    private static partial Regex Call();
}
