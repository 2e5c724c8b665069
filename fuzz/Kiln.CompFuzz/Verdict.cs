namespace Kiln.CompFuzz;

/// <summary>The comparison of one case: agreement, or a mismatch with its signature (what differs), explained by a
/// rule in <see cref="Comparer"/> or not.</summary>
public sealed record Verdict(bool Agree, string Signature, bool Explained, string Detail)
{
    public static readonly Verdict Agreed = new(true, "", false, "");
}

/// <summary>
/// Compares Kiln's and Wasmtime's outcomes of a case, and both against two oracles of the generator's own:
/// without a corruption, <c>run</c> returns exactly the value the callee answered (NaNs as NaN); and every side's
/// <c>realloc</c> requests are the canonical ABI's (<see cref="SpecAllocations"/>). The one explained mismatch:
/// <c>wasmtime-realloc-*</c>, Wasmtime's requests differ from the spec's while Kiln's match them.
/// </summary>
public static class Comparer
{
    private static bool HasWideFlags(CType t) =>
        (t.Kind == CKind.Flags && t.Count > 32) || (t.Elem is { } e && HasWideFlags(e)) || t.Fields.Any(HasWideFlags)
        || t.Cases.Any(c => c is not null && HasWideFlags(c));

    public static Verdict Compare(FuzzCase c, Outcome kiln, Outcome wasmtime)
    {
        if (wasmtime.Status.StartsWith("refused:", StringComparison.Ordinal))
        {
            // Both refusing is agreement only where the generator was asked for what the component model forbids
            // (flags past 32, --max-flags); anything else means the generator wrote an invalid component.
            bool forbidden = c.Params.Append(c.Result).Any(t => t is not null && HasWideFlags(t));
            if (forbidden && kiln.Status.StartsWith("refused:", StringComparison.Ordinal)) return Verdict.Agreed;
            return new(false, "generator-invalid", false, $"Wasmtime refused the component: {wasmtime.Detail}");
        }
        if (kiln.Status != wasmtime.Status)
            return new(false, $"status {kiln.Status} vs {wasmtime.Status}", false, $"kiln: {kiln}\nwasmtime: {wasmtime}");
        if (kiln.Status != "ok") return Verdict.Agreed;
        if (kiln.Result != wasmtime.Result)
            return new(false, "result", false, $"kiln:     {kiln.Result}\nwasmtime: {wasmtime.Result}");
        if (c.Corrupt is null && c.Answer is not null && kiln.Result != ValueText.Render(c.Answer))
            return new(false, "oracle", false, $"both engines: {kiln.Result}\ncallee answered: {ValueText.Render(c.Answer)}");
        if (kiln.CalleeHash != wasmtime.CalleeHash) return new(false, "callee-hash", false, $"kiln: {kiln}\nwasmtime: {wasmtime}");
        if (kiln.CallerHash != wasmtime.CallerHash) return new(false, "caller-hash", false, $"kiln: {kiln}\nwasmtime: {wasmtime}");

        // Allocation requests against the spec: the adapter's into the callee (parameters), the adapter's into the
        // caller (results), the host's into the caller (run's arguments; the source is each host's own strings).
        // run is called twice: the callee's allocator hashes both calls' requests; the caller's keeps the second's.
        ulong calleeSpec = new SpecAllocations(c.CallerEncoding, c.CalleeEncoding).Params(c.Params, c.Args).Params(c.Params, c.Args).Hash;
        ulong? callerSpec = c.Corrupt is null
            ? c.Result is { } r && c.Answer is { } a ? new SpecAllocations(c.CalleeEncoding, c.CallerEncoding).Store(r, a).Hash : 0
            : null;
        ulong kilnHostSpec = new SpecAllocations(null, c.CallerEncoding).Params(c.Params, c.Args).Hash;
        ulong wasmtimeHostSpec = new SpecAllocations(StringEncoding.Utf8, c.CallerEncoding).Params(c.Params, c.Args).Hash;
        string Detail() => $"kiln: {kiln}\nwasmtime: {wasmtime}\nspec: callee-ahash={calleeSpec:x16} caller-ahash={callerSpec:x16} " +
            $"host-ahash (UTF-16 host)={kilnHostSpec:x16} (UTF-8 host)={wasmtimeHostSpec:x16}";
        if (kiln.CalleeAllocHash != calleeSpec) return new(false, "kiln-realloc-callee", false, Detail());
        if (callerSpec is { } cs && kiln.CallerAllocHash != cs) return new(false, "kiln-realloc-caller", false, Detail());
        if (kiln.HostAllocHash != kilnHostSpec) return new(false, "kiln-realloc-host", false, Detail());
        if (wasmtime.CalleeAllocHash != calleeSpec) return new(false, "wasmtime-realloc-callee", true, Detail());
        if (callerSpec is { } cs2 && wasmtime.CallerAllocHash != cs2) return new(false, "wasmtime-realloc-caller", true, Detail());
        if (wasmtime.HostAllocHash != wasmtimeHostSpec) return new(false, "wasmtime-realloc-host", true, Detail());
        if (kiln.CallerAllocHash != wasmtime.CallerAllocHash) return new(false, "caller-ahash", false, Detail());
        return Verdict.Agreed;
    }
}
