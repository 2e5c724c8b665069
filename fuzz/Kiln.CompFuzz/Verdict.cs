namespace Kiln.CompFuzz;

/// <summary>The comparison of one case: agreement, or a mismatch with its signature (what differs), explained by a
/// rule in <see cref="Comparer"/> or not.</summary>
public sealed record Verdict(bool Agree, string Signature, bool Explained, string Detail)
{
    public static readonly Verdict Agreed = new(true, "", false, "");
}

/// <summary>
/// Compares Kiln's and Wasmtime's outcomes of a case, and both against the generator's own oracle: without a
/// corruption, <c>run</c> must return exactly the value the callee answered (NaNs as NaN).
/// </summary>
public static class Comparer
{
    public static Verdict Compare(FuzzCase c, Outcome kiln, Outcome wasmtime)
    {
        if (wasmtime.Status.StartsWith("refused:", StringComparison.Ordinal))
            return new(false, "generator-invalid", false, $"Wasmtime refused the component: {wasmtime.Detail}");
        if (kiln.Status != wasmtime.Status)
            return new(false, $"status {kiln.Status} vs {wasmtime.Status}", false, $"kiln: {kiln}\nwasmtime: {wasmtime}");
        if (kiln.Status != "ok") return Verdict.Agreed;
        if (kiln.Result != wasmtime.Result)
            return new(false, "result", false, $"kiln:     {kiln.Result}\nwasmtime: {wasmtime.Result}");
        if (c.Corrupt is null && c.Answer is not null && kiln.Result != ValueText.Render(c.Answer))
            return new(false, "oracle", false, $"both engines: {kiln.Result}\ncallee answered: {ValueText.Render(c.Answer)}");
        if (kiln.CalleeHash != wasmtime.CalleeHash) return new(false, "callee-hash", false, $"kiln: {kiln}\nwasmtime: {wasmtime}");
        if (kiln.CallerHash != wasmtime.CallerHash) return new(false, "caller-hash", false, $"kiln: {kiln}\nwasmtime: {wasmtime}");
        if (kiln.CalleeAllocHash != wasmtime.CalleeAllocHash) return new(false, "callee-ahash", false, $"kiln: {kiln}\nwasmtime: {wasmtime}");
        if (kiln.CallerAllocHash != wasmtime.CallerAllocHash) return new(false, "caller-ahash", false, $"kiln: {kiln}\nwasmtime: {wasmtime}");
        return Verdict.Agreed;
    }
}
