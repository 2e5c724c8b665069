namespace Kiln.IR.Analysis;

/// <summary>An incoming edge: the predecessor block and its branch instruction.</summary>
public readonly record struct BlockPredecessor(Block Block, Inst Branch);
