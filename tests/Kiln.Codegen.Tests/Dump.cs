namespace Kiln.Codegen.Tests;

/// <summary>Text dumps for failure messages.</summary>
public static class Dump
{
    public static string VCode(VCode<TestInst> code, RegAllocResult? r = null)
    {
        var sb = new System.Text.StringBuilder();
        int e = 0;
        for (int b = 0; b < code.BlockCount; b++)
        {
            sb.Append("block").Append(b).Append('(');
            sb.AppendJoin(", ", code.BlockParams(b).ToArray());
            sb.Append(") depth=").Append(code.LoopDepth(b)).Append(" preds=[").AppendJoin(",", code.Predecessors(b).ToArray()).Append("]\n");
            for (int i = code.BlockFirstInst(b); i < code.BlockEndInst(b); i++)
            {
                if (r != null)
                    for (; e < r.Edits.Length && r.Edits[e].Inst == i; e++)
                        sb.Append("      ").Append(r.Edits[e].To).Append(" <- ").Append(r.Edits[e].From).Append("  ; ").Append(r.Edits[e].Origin).Append('\n');
                sb.Append("  ").Append(i).Append(": ").Append(code.Inst(i).Name);
                var ops = code.Operands(i);
                for (int k = 0; k < ops.Length; k++)
                {
                    sb.Append(k == 0 ? " " : ", ").Append(ops[k]);
                    if (r != null) sb.Append(" = ").Append(r.OperandAlloc(code, i, k));
                }
                if (!code.Clobbers(i).IsEmpty) sb.Append(" clobbers ").Append(code.Clobbers(i));
                if (i == code.BlockEndInst(b) - 1)
                {
                    var succs = code.Successors(b);
                    for (int k = 0; k < succs.Length; k++)
                        sb.Append(" -> block").Append(succs[k]).Append('(').AppendJoin(", ", code.BranchArgs(b, k).ToArray()).Append(')');
                }
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }
}
