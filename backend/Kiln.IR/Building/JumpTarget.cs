namespace Kiln.IR.Building;

/// <summary>A branch target and its arguments, as given to <see cref="InstBuilder.BrTable"/>.</summary>
public readonly record struct JumpTarget(Block Block, Value[] Args)
{
    public JumpTarget(Block block)
        : this(block, [])
    {
    }
}
