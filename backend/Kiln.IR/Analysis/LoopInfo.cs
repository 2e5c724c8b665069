namespace Kiln.IR.Analysis;

/// <summary>One natural loop: its header, enclosing loop (index, -1 if none), nesting depth (1 for an
/// outermost loop) and member blocks (header first).</summary>
public sealed record LoopInfo(Block Header, int Parent, int Depth, Block[] Blocks);
