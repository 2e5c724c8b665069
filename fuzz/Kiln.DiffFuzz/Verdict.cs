namespace Kiln.DiffFuzz;

/// <summary>The comparison of one module: agreement, or a mismatch that is explained (engine limits) or not.</summary>
internal sealed record Verdict(bool Agree, bool Explained, string Signature, string Detail, int CallsCompared)
{
    public static Verdict Same(int calls) => new(true, false, "", "", calls);
}
