using System.Text;

namespace Kiln.IR.Text;

/// <summary>
/// Writes the canonical text form, which <see cref="Parser"/> reads back to an identical function:
/// value and block numbers are the DFG's ids (gaps after passes are kept), blocks in layout order.
/// </summary>
public static class Printer
{
    public static string Print(Function f)
    {
        var sb = new StringBuilder();
        sb.Append("function %").Append(f.Name);
        AppendSignature(sb, f.Signature);
        sb.Append(" {\n");
        var dfg = f.Dfg;
        for (int i = 0; i < dfg.Signatures.Count; i++)
        {
            sb.Append("    sig").Append(i).Append(" = ");
            AppendSignature(sb, dfg.Signatures[i]);
            sb.Append('\n');
        }
        for (int i = 0; i < dfg.ExtFuncs.Count; i++)
        {
            var ef = dfg.ExtFuncs[i];
            sb.Append("    fn").Append(i).Append(" = ").Append(ef.IsLibCall ? "libcall %" : "%")
                .Append(ef.Name).Append(' ').Append(ef.Signature).Append('\n');
        }
        for (int i = 0; i < dfg.StackSlots.Count; i++)
        {
            var ss = dfg.StackSlots[i];
            sb.Append("    ss").Append(i).Append(" = stack_slot ").Append(ss.Size).Append(", align ").Append(ss.Align).Append('\n');
        }
        if (f.StackLimit is { } limit)
        {
            sb.Append("    stack_limit = ").Append(limit).Append('\n');
        }
        foreach (var b in f.Layout.Blocks)
        {
            AppendBlockHeader(sb, f, b);
            foreach (var inst in f.Layout.Insts(b))
            {
                sb.Append("    ");
                AppendInst(sb, f, inst);
                sb.Append('\n');
            }
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    public static string FormatInst(Function f, Inst inst)
    {
        var sb = new StringBuilder();
        AppendInst(sb, f, inst);
        return sb.ToString();
    }

    public static void AppendSignature(StringBuilder sb, Signature sig)
    {
        sb.Append('(');
        for (int i = 0; i < sig.Params.Length; i++)
        {
            sb.Append(i > 0 ? ", " : "").Append(sig.Params[i].Name());
        }
        sb.Append(')');
        for (int i = 0; i < sig.Results.Length; i++)
        {
            sb.Append(i > 0 ? ", " : " -> ").Append(sig.Results[i].Name());
        }
    }

    private static void AppendBlockHeader(StringBuilder sb, Function f, Block b)
    {
        sb.Append(b);
        var ps = f.Dfg.BlockParams(b);
        if (ps.Length > 0)
        {
            sb.Append('(');
            for (int i = 0; i < ps.Length; i++)
            {
                sb.Append(i > 0 ? ", " : "").Append(ps[i]).Append(": ").Append(f.Dfg.ValueType(ps[i]).Name());
            }
            sb.Append(')');
        }
        sb.Append(":\n");
    }

    public static void AppendInst(StringBuilder sb, Function f, Inst inst)
    {
        var dfg = f.Dfg;
        ref var d = ref dfg[inst];
        var results = dfg.Results(inst);
        for (int i = 0; i < results.Length; i++)
        {
            sb.Append(i > 0 ? ", " : "").Append(results[i]);
        }
        if (results.Length > 0)
        {
            sb.Append(" = ");
        }
        sb.Append(d.Info.Name);
        if (d.Type != IrType.Invalid)
        {
            sb.Append('.').Append(d.Type.Name());
        }
        var args = dfg.Args(inst);
        switch (d.Info.Format)
        {
            case InstFormat.IntConst:
                sb.Append(' ').Append(d.Imm);
                break;
            case InstFormat.FloatConst:
                sb.Append(' ').Append(FloatText.Format(d.Type, d.Imm));
                break;
            case InstFormat.Unary:
            case InstFormat.Binary:
            case InstFormat.Ternary:
            case InstFormat.Return:
                if (args.Length > 0)
                {
                    sb.Append(' ');
                    AppendValues(sb, dfg, args);
                }
                break;
            case InstFormat.IntCompare:
                sb.Append(' ').Append(((IntCC)d.Cond).Name()).Append(' ');
                AppendValues(sb, dfg, args);
                break;
            case InstFormat.FloatCompare:
                sb.Append(' ').Append(((FloatCC)d.Cond).Name()).Append(' ');
                AppendValues(sb, dfg, args);
                break;
            case InstFormat.Load:
                sb.Append(' ').Append(d.Trap.Name()).Append(' ').Append(dfg.Resolve(args[0]));
                AppendOffset(sb, d.Imm);
                break;
            case InstFormat.Store:
                sb.Append(' ').Append(d.Trap.Name()).Append(' ').Append(dfg.Resolve(args[0]))
                    .Append(", ").Append(dfg.Resolve(args[1]));
                AppendOffset(sb, d.Imm);
                break;
            case InstFormat.Call:
                sb.Append(' ').Append(new FuncRef(d.Ref)).Append('(');
                AppendValues(sb, dfg, args);
                sb.Append(')');
                break;
            case InstFormat.CallIndirect:
                sb.Append(' ').Append(new SigRef(d.Ref)).Append(", ").Append(dfg.Resolve(args[0])).Append('(');
                AppendValues(sb, dfg, args[1..]);
                sb.Append(')');
                break;
            case InstFormat.FuncAddr:
                sb.Append(' ').Append(new FuncRef(d.Ref));
                break;
            case InstFormat.StackAddr:
                sb.Append(' ').Append(new StackSlot(d.Ref));
                break;
            case InstFormat.Jump:
                sb.Append(' ');
                AppendBlockCall(sb, dfg, dfg.BlockCalls(inst)[0]);
                break;
            case InstFormat.JumpUnwind:
                sb.Append(' ');
                AppendBlockCall(sb, dfg, dfg.BlockCalls(inst)[0]);
                sb.Append(", unwind ");
                AppendBlockCall(sb, dfg, dfg.BlockCalls(inst)[1]);
                break;
            case InstFormat.Brif:
                sb.Append(' ').Append(dfg.Resolve(args[0])).Append(", ");
                AppendBlockCall(sb, dfg, dfg.BlockCalls(inst)[0]);
                sb.Append(", ");
                AppendBlockCall(sb, dfg, dfg.BlockCalls(inst)[1]);
                break;
            case InstFormat.BrTable:
                {
                    var calls = dfg.BlockCalls(inst);
                    sb.Append(' ').Append(dfg.Resolve(args[0])).Append(", ");
                    AppendBlockCall(sb, dfg, calls[0]);
                    sb.Append(", [");
                    for (int i = 1; i < calls.Length; i++)
                    {
                        sb.Append(i > 1 ? ", " : "");
                        AppendBlockCall(sb, dfg, calls[i]);
                    }
                    sb.Append(']');
                    break;
                }
            case InstFormat.Trap:
                sb.Append(' ').Append(d.Trap.Name());
                break;
            case InstFormat.CondTrap:
                sb.Append(' ').Append(dfg.Resolve(args[0])).Append(", ").Append(d.Trap.Name());
                break;
        }
    }

    private static void AppendOffset(StringBuilder sb, long offset)
    {
        if (offset > 0)
        {
            sb.Append('+').Append(offset);
        }
        else if (offset < 0)
        {
            sb.Append(offset);
        }
    }

    private static void AppendValues(StringBuilder sb, DataFlowGraph dfg, ReadOnlySpan<Value> vs)
    {
        for (int i = 0; i < vs.Length; i++)
        {
            sb.Append(i > 0 ? ", " : "").Append(dfg.Resolve(vs[i]));
        }
    }

    private static void AppendBlockCall(StringBuilder sb, DataFlowGraph dfg, in BlockCall call)
    {
        sb.Append(call.Block);
        if (call.ArgCount > 0)
        {
            sb.Append('(');
            AppendValues(sb, dfg, dfg.BlockCallArgs(call));
            sb.Append(')');
        }
    }
}
