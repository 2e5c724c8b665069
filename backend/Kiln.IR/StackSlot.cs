namespace Kiln.IR;

/// <summary>A fixed-size area in the function's frame (<c>ssN</c>), addressed with <c>stack_addr</c>.</summary>
public readonly record struct StackSlot(int Index)
{
    public override string ToString() => $"ss{Index}";
}
