namespace Kiln.IR;

/// <summary>Parameter and result types of a function; multiple results are allowed.</summary>
public sealed class Signature(IrType[] parameters, IrType[] results)
{
    public IrType[] Params { get; } = parameters;

    public IrType[] Results { get; } = results;

    public bool SameAs(Signature other) =>
        Params.AsSpan().SequenceEqual(other.Params) && Results.AsSpan().SequenceEqual(other.Results);

    public override string ToString()
    {
        var s = "(" + string.Join(", ", Params.Select(p => p.Name())) + ")";
        return Results.Length == 0 ? s : s + " -> " + string.Join(", ", Results.Select(r => r.Name()));
    }
}
