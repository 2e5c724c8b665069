using Kiln.IR;

namespace Kiln.Codegen.X64;

internal sealed partial class Lowerer
{
    private void LowerBrif(Inst inst)
    {
        int t = Successor(inst, 0), e = Successor(inst, 1);
        // Args of edges that go straight to their target are materialized here, before the compare.
        var ta = EdgeArgs(inst, 0);
        var ea = EdgeArgs(inst, 1);
        Begin();
        var m = new MInst(MOp.Brif, inst.Index) { Target = t, Target2 = e };
        AddCondition(Dfg.Args(inst)[0], ref m);
        B.AddSuccessor(t, ta);
        B.AddSuccessor(e, ea);
        Emit(m, InstFlags.Branch);
    }

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

    private void LowerBrTable(Inst inst)
    {
        if (LowerDefaultOnlyTable(inst)) return;
        var calls = Dfg.BlockCalls(inst);
        var succs = new int[calls.Length];
        for (int k = 0; k < calls.Length; k++)
        {
            succs[k] = Successor(inst, k);
            var a = EdgeArgs(inst, k);
            B.AddSuccessor(succs[k], a);
        }
        // Terminators define nothing, so the target address is computed by the instruction before.
        var index = Use(Dfg.Args(inst)[0]);
        var target = B.NewVReg(RegClass.Int);
        int table = AddJumpTable(succs);
        B.Emit(new MInst(MOp.JumpTableTarget, inst.Index) { Target = table }, [Operand.RegDefEarly(target), Operand.RegUse(index)]);
        Begin();
        Op(Operand.RegUse(target));
        Emit(new MInst(MOp.BrTable, inst.Index) { Target = table }, InstFlags.Branch);
    }
}
