using Kiln.IR.Analysis;

namespace Kiln.IR.Passes;

/// <summary>
/// Replaces instructions whose operands are all constants by a constant, in place (the result value
/// keeps its number, so uses need no rewriting). Blocks are visited in reverse postorder so operands
/// fold before their uses. Integer folding never folds an operation that traps; float folding only
/// where bit-exact (see <see cref="FloatFolding"/>); iptr is left alone because its width belongs to the
/// target. Also: select on a constant condition picks its operand; trapnz/trapz on a constant either
/// disappear or become an unconditional trap (and the rest of the block is dropped).
/// </summary>
public sealed class ConstantFolding : IPass
{
    public string Name => "constant-folding";

    public bool Run(Function f)
    {
        var dfg = f.Dfg;
        var cfg = ControlFlowGraph.Compute(f);
        var rpo = ReversePostorder.Compute(f, cfg);
        bool changed = false;
        foreach (var b in rpo.Order)
        {
            foreach (var inst in f.Layout.Insts(b))
            {
                changed |= FoldInst(f, inst);
            }
        }
        return changed;
    }

    private static bool IsConst(DataFlowGraph dfg, Value v, out long bits)
    {
        var def = dfg.DefiningInst(v);
        if (def.IsValid && dfg[def].Opcode is Opcode.Iconst or Opcode.Fconst && dfg[def].Type != IrType.IPtr)
        {
            bits = dfg[def].Imm;
            return true;
        }
        bits = 0;
        return false;
    }

    private static bool FoldInst(Function f, Inst inst)
    {
        var dfg = f.Dfg;
        ref var d = ref dfg[inst];
        var op = d.Opcode;
        var ctrl = d.Type;
        var format = d.Info.Format;
        var args = dfg.Args(inst);

        if (op == Opcode.Select)
        {
            if (!IsConst(dfg, args[0], out long c))
            {
                return false;
            }
            var chosen = c != 0 ? args[1] : args[2];
            var result = dfg.FirstResult(inst);
            f.Layout.RemoveInst(inst);
            dfg.ChangeToAlias(result, chosen);
            return true;
        }
        if (op is Opcode.Trapz or Opcode.Trapnz)
        {
            if (!IsConst(dfg, args[0], out long c))
            {
                return false;
            }
            if ((c == 0) == (op == Opcode.Trapz))
            {
                // Always traps: the rest of the block is dead.
                for (var next = f.Layout.NextInst(inst); next.IsValid;)
                {
                    var after = f.Layout.NextInst(next);
                    f.Layout.RemoveInst(next);
                    next = after;
                }
                var code = d.Trap;
                dfg.Replace(inst, Opcode.Trap, IrType.Invalid);
                dfg[inst].Trap = code;
            }
            else
            {
                f.Layout.RemoveInst(inst);
            }
            return true;
        }
        if (format is not (InstFormat.Unary or InstFormat.Binary or InstFormat.IntCompare or InstFormat.FloatCompare))
        {
            return false;
        }
        if (ctrl == IrType.IPtr || ctrl == IrType.V128)
        {
            return false;
        }
        long a, b2 = 0;
        if (!IsConst(dfg, args[0], out a) || (args.Length > 1 && !IsConst(dfg, args[1], out b2)))
        {
            return false;
        }
        var from = dfg.ValueType(dfg.Resolve(args[0]));
        if (from == IrType.IPtr)
        {
            return false;
        }
        bool ok;
        long r;
        IrType resultType = dfg.ResultType(inst, 0);
        switch (format)
        {
            case InstFormat.IntCompare:
                ok = true;
                r = ((IntCC)d.Cond).Evaluate(a, b2, ctrl.Bits()) ? 1 : 0;
                break;
            case InstFormat.FloatCompare:
                ok = true;
                r = ((FloatCC)d.Cond).Evaluate(FloatFolding.ToDouble(ctrl, a), FloatFolding.ToDouble(ctrl, b2)) ? 1 : 0;
                break;
            case InstFormat.Binary:
                ok = ctrl.IsInt() ? IntFolding.TryBinary(op, ctrl.Bits(), a, b2, out r) : FloatFolding.TryBinary(op, ctrl, a, b2, out r);
                break;
            default:
                ok = from.IsInt() && resultType.IsInt()
                    ? IntFolding.TryUnary(op, resultType, from, a, out r)
                    : from.IsFloat() && resultType.IsFloat() && op is not (Opcode.Fpromote or Opcode.Fdemote)
                        ? FloatFolding.TryUnary(op, ctrl, a, out r)
                        : FloatFolding.TryConvert(op, resultType, from, a, out r);
                break;
        }
        if (!ok)
        {
            return false;
        }
        dfg.Replace(inst, resultType.IsFloat() ? Opcode.Fconst : Opcode.Iconst, resultType, r);
        return true;
    }
}
