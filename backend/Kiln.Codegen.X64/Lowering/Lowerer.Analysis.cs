using Kiln.IR;

namespace Kiln.Codegen.X64;

internal sealed partial class Lowerer
{
    // x86-64's folding on top of the shared rules (LoweringDriver.Folding.cs): a single-use load right before an
    // ALU op becomes that op's memory operand.

    protected override void AnalyzeInst(Block blk, Inst inst, Inst prev)
    {
        if (Dfg[inst].Opcode is Opcode.Iadd or Opcode.Isub or Opcode.Band or Opcode.Bor or Opcode.Bxor) FoldLoad(inst, prev);
    }

    /// <summary>The instruction is no longer an ALU op (an address addition folded into the accesses, or dead), so a
    /// load fused into it as a memory operand must stand alone again (else it vanishes, and with it its bounds trap).</summary>
    protected override void ReleaseFusedOperands(Inst inst)
    {
        foreach (var a in Dfg.Args(inst))
            if (IsFoldedLoad(a, out var load)) Folded[load.Index] = false;
    }

    /// <summary>A full-width integer load used only by the ALU op right after it becomes that op's memory operand.</summary>
    private void FoldLoad(Inst inst, Inst prev)
    {
        if (!prev.IsValid) return;
        ref var p = ref Dfg[prev];
        if (p.Opcode != Opcode.Load || !p.Type.IsInt() || SizeOf(p.Type) != SizeOf(Dfg[inst].Type)) return;
        var loaded = Dfg.FirstResult(prev);
        if (UseCount[loaded.Index] != 1) return;
        var args = Dfg.Args(inst);
        bool commutative = Dfg[inst].Info.Is(OpFlags.Commutative);
        if (args[1] == loaded || (commutative && args[0] == loaded)) Folded[prev.Index] = true;
    }

    private bool IsFoldedLoad(Value v, out Inst load)
    {
        load = DefInst(v);
        return load.IsValid && Dfg[load].Opcode == Opcode.Load && Folded[load.Index];
    }
}
