namespace Kiln.IR;

/// <summary>An SSA value: an instruction result or a block parameter. A dense index into the DFG.</summary>
public readonly record struct Value(int Index)
{
    public static readonly Value None = new(-1);

    public bool IsValid => Index >= 0;

    public override string ToString() => IsValid ? $"v{Index}" : "v?";
}
