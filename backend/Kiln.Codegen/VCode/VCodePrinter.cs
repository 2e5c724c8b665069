using System.Globalization;
using System.Text;

namespace Kiln.Codegen;

/// <summary>
/// Readable VCode (as Cranelift's <c>; VCode:</c> filetests): blocks with their parameters, each instruction as the
/// target spells it, and each terminator's successors with their arguments. Before allocation operands are vregs
/// (<c>v3</c>, with <c>@rax</c> for a fixed-register constraint); after allocation they are the registers or spill
/// slots the allocator chose, and its moves appear where they execute (<c>move rcx, rax</c>, <c>reload rcx, ssi0</c>,
/// <c>spill ssi0, rcx</c>). Golden tests pin both.
/// </summary>
public static class VCodePrinter
{
    public static string Print<TInst>(VCode<TInst> code, IInstFormatter<TInst> formatter, RegAllocResult? alloc = null)
    {
        var sb = new StringBuilder();
        var names = new List<string>();
        for (int b = 0; b < code.BlockCount; b++)
        {
            sb.Append("block").Append(b.ToString(CultureInfo.InvariantCulture));
            var ps = code.BlockParams(b);
            if (ps.Length > 0)
            {
                sb.Append('(');
                for (int k = 0; k < ps.Length; k++)
                {
                    if (k > 0) sb.Append(", ");
                    sb.Append(Name(ps[k]));
                    if (alloc is not null) sb.Append('=').Append(Spell(alloc.BlockParamAllocs[code.BlockParamOffset(b) + k], formatter));
                }
                sb.Append(')');
            }
            sb.Append(":\n");
            for (int i = code.BlockFirstInst(b); i < code.BlockEndInst(b); i++)
            {
                if (alloc is not null) PrintEdits(sb, alloc, i, formatter);
                names.Clear();
                var ops = code.Operands(i);
                for (int k = 0; k < ops.Length; k++)
                {
                    if (alloc is not null) names.Add(Spell(alloc.OperandAllocs[code.OperandOffset(i) + k], formatter));
                    else if (ops[k].Constraint == OperandConstraint.Fixed) names.Add(Name(ops[k].VReg) + "@" + formatter.RegName(ops[k].FixedReg));
                    else names.Add(Name(ops[k].VReg));
                }
                sb.Append("    ").Append(formatter.Format(code.Inst(i), names.ToArray()));
                if (i == code.BlockEndInst(b) - 1) PrintSuccessors(sb, code, b);
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    private static void PrintSuccessors(StringBuilder sb, VCode code, int b)
    {
        var succs = code.Successors(b);
        if (succs.Length == 0) return;
        sb.Append("  ->");
        for (int s = 0; s < succs.Length; s++)
        {
            sb.Append(s == 0 ? " " : ", ").Append("block").Append(succs[s].ToString(CultureInfo.InvariantCulture));
            var args = code.BranchArgs(b, s);
            if (args.Length == 0) continue;
            sb.Append('(');
            for (int k = 0; k < args.Length; k++) sb.Append(k > 0 ? ", " : "").Append(Name(args[k]));
            sb.Append(')');
        }
    }

    private static void PrintEdits<TInst>(StringBuilder sb, RegAllocResult alloc, int inst, IInstFormatter<TInst> formatter)
    {
        var edits = alloc.Edits;
        for (int k = alloc.FirstEditAt(inst); k < edits.Length && edits[k].Inst == inst; k++)
        {
            var e = edits[k];
            string what = e.From.IsStack ? "reload" : e.To.IsStack ? "spill" : "move";
            sb.Append("    ").Append(what).Append(' ').Append(Spell(e.To, formatter)).Append(", ").Append(Spell(e.From, formatter)).Append('\n');
        }
    }

    private static string Name(VReg v) => "v" + v.Index.ToString(CultureInfo.InvariantCulture);

    private static string Spell<TInst>(Allocation a, IInstFormatter<TInst> formatter) =>
        a.IsReg ? formatter.RegName(a.AsReg) : a.ToString();
}
