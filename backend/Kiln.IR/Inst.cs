namespace Kiln.IR;

/// <summary>An instruction. A dense index into the DFG's instruction arena.</summary>
public readonly record struct Inst(int Index)
{
    public static readonly Inst None = new(-1);

    public bool IsValid => Index >= 0;

    public override string ToString() => IsValid ? $"inst{Index}" : "inst?";
}
