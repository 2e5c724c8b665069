namespace Kiln.IR;

/// <summary>A function declared in the preamble (<c>fnN</c>): a direct call target or a runtime library routine.</summary>
public readonly record struct FuncRef(int Index)
{
    public override string ToString() => $"fn{Index}";
}
