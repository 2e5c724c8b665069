using System.Text;

namespace Kiln.CompFuzz;

/// <summary>How a case spoils the callee's answer on purpose (so both engines must trap the same way), or not.</summary>
public readonly record struct Corruption(SiteKind Kind, int Address, ulong Value, int Size)
{
    public override string ToString() => $"{Kind} at {Address}: {Value:x} ({Size} bytes)";
}

/// <summary>
/// One generated case: a function signature, the string encodings of the caller and the callee, the arguments the
/// host passes to <c>run</c>, the result the callee answers, maybe a corruption of that answer, and the component
/// text built from them. Everything is a function of (seed, index): see <see cref="CaseGenerator"/>.
/// </summary>
public sealed class FuzzCase
{
    public required int Seed { get; init; }
    public required long Index { get; init; }
    public required IReadOnlyList<CType> Params { get; init; }
    public required CType? Result { get; init; }
    public required StringEncoding CallerEncoding { get; init; }
    public required StringEncoding CalleeEncoding { get; init; }
    public required IReadOnlyList<Val> Args { get; init; }
    public required Val? Answer { get; init; }
    public required Corruption? Corrupt { get; init; }
    /// <summary>What the caller spoils in its parameters before forwarding them, or null.</summary>
    public required ParamCorruption? ParamCorrupt { get; init; }
    /// <summary>The callee leaves its borrow handles undropped (the call must trap when it returns).</summary>
    public required bool KeepBorrows { get; init; }
    public required string Text { get; init; }

    public string Signature =>
        "func(" + string.Join(", ", Params.Select((p, i) => $"p{i}: {p}")) + ")" + (Result is null ? "" : $" -> {Result}");

    public string Describe()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"seed {Seed} case {Index}");
        sb.AppendLine($"signature: {Signature}");
        sb.AppendLine($"string encodings: caller {CallerEncoding.Text()}, callee {CalleeEncoding.Text()}");
        sb.AppendLine($"args: {string.Join(", ", Args.Select(ValueText.Render))}");
        sb.AppendLine($"callee answers: {(Answer is null ? "-" : ValueText.Render(Answer))}");
        sb.AppendLine($"corruption of the answer: {(Corrupt is { } c ? c.ToString() : "none")}");
        if (KeepBorrows) sb.AppendLine("the callee keeps its borrows");
        sb.AppendLine($"corruption of the forwarded parameters: {(ParamCorrupt is { } pc ? pc.ToString() : "none")}");
        return sb.ToString();
    }
}
