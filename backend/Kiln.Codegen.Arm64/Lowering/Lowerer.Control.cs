using Kiln.IR;

namespace Kiln.Codegen.Arm64;

internal sealed partial class Lowerer
{
    protected override void LowerBrTable(Inst inst, int table)
    {
        var index = Use(Dfg.Args(inst)[0]);
        Begin();
        Op(Operand.RegUse(index));
        Emit(new AInst(AOp.BrTable, inst.Index) { Target = table }, InstFlags.Branch);
    }
}
