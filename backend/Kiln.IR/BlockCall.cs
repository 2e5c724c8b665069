namespace Kiln.IR;

/// <summary>A branch target with its arguments: a slice of the DFG's value pool.</summary>
public struct BlockCall
{
    public Block Block;
    public int ArgStart;
    public int ArgCount;
}
