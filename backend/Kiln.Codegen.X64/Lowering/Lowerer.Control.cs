using Kiln.IR;

namespace Kiln.Codegen.X64;

internal sealed partial class Lowerer
{
    /// <summary>The normal successor is a jump; the landing successor has no code path here, only the landing site.
    /// Clobbering every register at the terminator too keeps every value live into either successor in its spill
    /// slot from the call on, so the landing block (entered with only rsp/rbp valid) reloads what it needs.</summary>
    private void LowerJumpUnwind(Inst inst)
    {
        int normal = Successor(inst, 0), landing = Successor(inst, 1);
        var na = EdgeArgs(inst, 0);
        var la = EdgeArgs(inst, 1);
        Begin();
        B.AddSuccessor(normal, na);
        B.AddSuccessor(landing, la);
        Emit(new MInst(MOp.JumpUnwind, inst.Index) { Target = normal, Target2 = landing }, InstFlags.Branch, Env.AllRegisters);
    }

    protected override void LowerBrTable(Inst inst, int table)
    {
        var index = Use(Dfg.Args(inst)[0]);
        var target = B.NewVReg(RegClass.Int);
        B.Emit(new MInst(MOp.JumpTableTarget, inst.Index) { Target = table }, [Operand.RegDefEarly(target), Operand.RegUse(index)]);
        Begin();
        Op(Operand.RegUse(target));
        Emit(new MInst(MOp.BrTable, inst.Index) { Target = table }, InstFlags.Branch);
    }
}
