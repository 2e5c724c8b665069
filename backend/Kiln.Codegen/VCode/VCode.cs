namespace Kiln.Codegen;

/// <summary>
/// Target-independent machine code container: blocks in final layout order, each a contiguous range of
/// instructions, with successors/predecessors and block parameters (SSA-style: a branch passes one arg
/// vreg per parameter of each successor; the allocator turns that into edge moves). The allocator sees
/// instructions only through their operands, clobbers and flags, all held here in dense arrays; the
/// target's own instruction payloads live in <see cref="VCode{TInst}"/>.
/// Invariants (checked by the builder): every block ends with exactly one terminator; no critical edges
/// (a block with several successors never targets a block with several predecessors: the instruction
/// selector splits such edges); a terminator with a single successor has no operands; terminators define
/// nothing; the entry block has no parameters and no predecessors.
/// </summary>
public class VCode
{
    internal Operand[] OperandsArr = [];
    internal int[] OperandStart = [0];
    internal InstFlags[] Flags = [];
    internal int[] ClobberIndex = [];
    internal PRegSet[] ClobberSets = [PRegSet.Empty];
    internal int[] BlockInstStart = [0];
    internal int[] SuccStart = [0];
    internal int[] Succs = [];
    internal int[] SuccArgStart = [0];
    internal VReg[] SuccArgs = [];
    internal int[] ParamStart = [0];
    internal VReg[] Params = [];
    internal int[] PredStart = [0];
    internal int[] Preds = [];
    internal int[] LoopDepths = [];
    internal int[] InstBlockArr = [];
    internal RegClass[] VRegClasses = [];

    public int InstCount => Flags.Length;
    public int BlockCount => BlockInstStart.Length - 1;
    public int VRegCount => VRegClasses.Length;

    public ReadOnlySpan<Operand> Operands(int inst) => OperandsArr.AsSpan(OperandStart[inst], OperandStart[inst + 1] - OperandStart[inst]);
    /// <summary>Index of the instruction's first operand in the flat operand array (allocations are parallel to it).</summary>
    public int OperandOffset(int inst) => OperandStart[inst];
    public int TotalOperandCount => OperandsArr.Length;
    public InstFlags InstFlags(int inst) => Flags[inst];
    public PRegSet Clobbers(int inst) => ClobberSets[ClobberIndex[inst]];
    public int InstBlock(int inst) => InstBlockArr[inst];
    public RegClass VRegClass(int vreg) => VRegClasses[vreg];

    public int BlockFirstInst(int block) => BlockInstStart[block];
    /// <summary>One past the block's last (terminator) instruction.</summary>
    public int BlockEndInst(int block) => BlockInstStart[block + 1];
    public ReadOnlySpan<int> Successors(int block) => Succs.AsSpan(SuccStart[block], SuccStart[block + 1] - SuccStart[block]);
    public ReadOnlySpan<int> Predecessors(int block) => Preds.AsSpan(PredStart[block], PredStart[block + 1] - PredStart[block]);
    public ReadOnlySpan<VReg> BlockParams(int block) => Params.AsSpan(ParamStart[block], ParamStart[block + 1] - ParamStart[block]);
    /// <summary>Index of the block's first parameter in the flat parameter array (param allocations are parallel to it).</summary>
    public int BlockParamOffset(int block) => ParamStart[block];
    public int TotalBlockParamCount => Params.Length;
    /// <summary>Args the block's terminator passes to its successor number <paramref name="succIndex"/>.</summary>
    public ReadOnlySpan<VReg> BranchArgs(int block, int succIndex)
    {
        int e = SuccStart[block] + succIndex;
        return SuccArgs.AsSpan(SuccArgStart[e], SuccArgStart[e + 1] - SuccArgStart[e]);
    }
    public int LoopDepth(int block) => LoopDepths[block];
}

/// <summary>VCode plus the target's instruction payloads, parallel to the instruction indices.</summary>
public sealed class VCode<TInst> : VCode
{
    internal TInst[] InstsArr = [];

    public ReadOnlySpan<TInst> Insts => InstsArr;
    public TInst Inst(int index) => InstsArr[index];
}
