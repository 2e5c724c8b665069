using Kiln.IR;

namespace Kiln.Codegen.Arm64;

internal sealed partial class Lowerer
{
    // AArch64's folding on top of the shared rules (LoweringDriver.Folding.cs): multiplications fused into
    // madd/msub, and no fused float compare that needs two conditions.

    protected override void AnalyzeInst(Block blk, Inst inst, Inst prev)
    {
        var args = Dfg.Args(inst);
        switch (Dfg[inst].Opcode)
        {
            case Opcode.Iadd: FoldMul(blk, args); break;
            case Opcode.Isub: FoldMul(blk, args[1..]); break;
        }
    }

    protected override bool FusesCompare(Inst cmp) => Dfg[cmp].Opcode != Opcode.Fcmp || FloatCond((FloatCC)Dfg[cmp].Cond, out _);

    /// <summary>An addition of a fused product is a madd already, not an address.</summary>
    protected override bool FoldsAddress(Inst add)
    {
        foreach (var a in Dfg.Args(add))
            if (IsFoldedOp(a, Opcode.Imul, out _)) return false;
        return true;
    }

    /// <summary>A single-use integer multiply in the same block, added to (or subtracted from) something, becomes madd/msub.</summary>
    private void FoldMul(Block blk, ReadOnlySpan<Value> candidates)
    {
        foreach (var v in candidates)
        {
            var def = DefInst(v);
            if (def.IsValid && Dfg[def].Opcode == Opcode.Imul && UseCount[v.Index] == 1 && F.Layout.InstBlock(def) == blk)
            {
                Folded[def.Index] = true;
                return;
            }
        }
    }
}
