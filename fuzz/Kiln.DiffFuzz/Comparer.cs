using System.Globalization;

namespace Kiln.DiffFuzz;

/// <summary>
/// Compares Kiln's outcome with each reference engine's (and with Kiln's on another target), event by event.
/// Results compare as exact bits (the harness has made every spec-nondeterministic NaN canonical, see
/// <see cref="NanCanonicalizer"/>); host-call
/// floats compare as exact bits against V8 (NaN as NaN: JavaScript keeps no payload) and as <c>%f</c> text
/// against wabt. A difference at a stack-exhaustion trap is explained (engines have different stack limits),
/// as is a timeout in wabt alone (an interpreter is slower); all else is unexplained.
/// </summary>
internal static class Comparer
{
    public static Verdict Compare(Outcome kiln, IReadOnlyList<Outcome> references)
    {
        // Kiln on another target (kiln-aarch64) that cannot run a module is a Kiln finding, not a reference's limit.
        foreach (var r in references)
            if (IsKiln(r) && r.Status is "error" or "crash")
                return new Verdict(false, false, $"{r.Engine}-{r.Status}", r.Detail, 0);
        var usable = references.Where(r => r.Status != "error").ToList();
        if (usable.Count == 0) return Verdict.Same(0);
        if (kiln.Status == "timeout" && usable.All(r => r.Status == "timeout")) return Verdict.Same(0);
        if (kiln.Status != "ok" && kiln.Status != "timeout")
            return new Verdict(false, false, $"kiln-{kiln.Status}", kiln.Detail, 0);
        var timedOut = usable.Where(r => r.Status == "timeout").ToList();
        if (kiln.Status == "timeout")
            return new Verdict(false, false, "kiln-timeout", "Kiln timed out, " + string.Join(", ", usable.Where(r => r.Status == "ok").Select(r => r.Engine)) + " did not", 0);
        // A rule that explains a difference still makes the module an explained mismatch (counted and saved as
        // such), never an agreement: the run's numbers say how much was compared under each rule.
        string? explainedBy = null, explainedDetail = null;
        if (timedOut.Count > 0)
        {
            bool onlyWabt = timedOut.All(r => r.Engine == "wabt");
            if (onlyWabt && usable.Any(r => r.Status == "ok" && r.Engine != "wabt"))
            {
                usable = usable.Where(r => r.Status == "ok").ToList();
                (explainedBy, explainedDetail) = ("wabt-timeout", "wabt alone timed out; compared with " + string.Join(", ", usable.Select(r => r.Engine)));
            }
            else
                return new Verdict(false, onlyWabt, $"{string.Join("+", timedOut.Select(r => r.Engine))}-timeout", "", 0);
        }
        int calls = 0;
        foreach (var reference in usable)
        {
            var a = kiln.Events;
            var b = reference.Events;
            int n = Math.Max(a.Count, b.Count);
            for (int i = 0; i < n; i++)
            {
                string? x = i < a.Count ? a[i] : null, y = i < b.Count ? b[i] : null;
                if (x is not null && y is not null && Same(x, y)) { if (x.StartsWith("call ", StringComparison.Ordinal)) calls++; continue; }
                bool stack = (x?.EndsWith("! " + TrapKinds.Stack, StringComparison.Ordinal) ?? false)
                    || (y?.EndsWith("! " + TrapKinds.Stack, StringComparison.Ordinal) ?? false);
                string detail = $"event {i}: kiln `{x ?? "<end>"}` vs {reference.Engine} `{y ?? "<end>"}`";
                if (!stack) return new Verdict(false, false, $"kiln-vs-{reference.Engine}:{Shape(x)}/{Shape(y)}", detail, calls);
                // Engines' stack limits differ: nothing after a stack-exhaustion difference is comparable.
                (explainedBy, explainedDetail) = ($"stack-limit-vs-{reference.Engine}", detail);
                break;
            }
        }
        return explainedBy is null ? Verdict.Same(calls) : new Verdict(false, true, explainedBy, explainedDetail!, calls);
    }

    private static bool IsKiln(Outcome o) => o.Engine.StartsWith("kiln", StringComparison.Ordinal);

    private static string Shape(string? e)
    {
        if (e is null) return "end";
        var parts = e.Split(' ');
        return parts[0] == "call" ? (parts.Length > 2 && parts[2] == "!" ? "trap-" + parts[3] : "result") : parts[0];
    }

    private static bool Same(string x, string y)
    {
        if (x == y) return true;
        var p = x.Split(' ');
        var q = y.Split(' ');
        if (p.Length == 4 && q.Length == 4 && p[0] == "call" && p[2] == "!" && q[2] == "!" && p[1] == q[1])
            return TrapKinds.Match(p[3], q[3]);
        if (p.Length == 3 && q.Length == 3 && p[0] == "instantiate" && q[0] == "instantiate") return TrapKinds.Match(p[2], q[2]);
        if (p.Length != q.Length || p[0] != "log" || q[0] != "log") return false;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] == q[i]) continue;
            if (p[i].StartsWith("bits:", StringComparison.Ordinal) && q[i].StartsWith("fmt:", StringComparison.Ordinal))
            { if (Printf(p[i], p[1]) != q[i][4..]) return false; }
            else if (q[i].StartsWith("bits:", StringComparison.Ordinal) && p[i].StartsWith("fmt:", StringComparison.Ordinal))
            { if (Printf(q[i], q[1]) != p[i][4..]) return false; }
            else return false;
        }
        return true;
    }

    private static string Printf(string bits, string importName) => FloatText.BitsToPrintf(bits, wide: bits.Length > "bits:".Length + 8 || importName.EndsWith("f64", StringComparison.Ordinal));
}
