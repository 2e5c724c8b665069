using Kiln.IR;

namespace Kiln.Codegen.Arm64;

internal sealed partial class Lowerer
{
    private void LowerBrif(Inst inst)
    {
        int t = Successor(inst, 0), e = Successor(inst, 1);
        // Args of edges that go straight to their target are materialized here, before the compare.
        var ta = EdgeArgs(inst, 0);
        var ea = EdgeArgs(inst, 1);
        Begin();
        var m = new AInst(AOp.Brif, inst.Index) { Target = t, Target2 = e };
        AddCondition(Dfg.Args(inst)[0], ref m);
        B.AddSuccessor(t, ta);
        B.AddSuccessor(e, ea);
        Emit(m, InstFlags.Branch);
    }

    private void LowerBrTable(Inst inst)
    {
        if (LowerDefaultOnlyTable(inst)) return;
        var calls = Dfg.BlockCalls(inst);
        var succs = new int[calls.Length];
        for (int k = 0; k < calls.Length; k++)
        {
            succs[k] = Successor(inst, k);
            B.AddSuccessor(succs[k], EdgeArgs(inst, k));
        }
        var index = Use(Dfg.Args(inst)[0]);
        int table = AddJumpTable(succs);
        Begin();
        Op(Operand.RegUse(index));
        Emit(new AInst(AOp.BrTable, inst.Index) { Target = table }, InstFlags.Branch);
    }
}
