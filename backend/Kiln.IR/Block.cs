namespace Kiln.IR;

/// <summary>A basic block. A dense index into the DFG.</summary>
public readonly record struct Block(int Index)
{
    public static readonly Block None = new(-1);

    public bool IsValid => Index >= 0;

    public override string ToString() => IsValid ? $"block{Index}" : "block?";
}
