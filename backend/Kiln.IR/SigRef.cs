namespace Kiln.IR;

/// <summary>A signature declared in the preamble (<c>sigN</c>), used by indirect calls and function declarations.</summary>
public readonly record struct SigRef(int Index)
{
    public override string ToString() => $"sig{Index}";
}
