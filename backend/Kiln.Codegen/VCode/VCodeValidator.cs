namespace Kiln.Codegen;

/// <summary>Checks the structural invariants the allocator relies on (see <see cref="VCode"/>).</summary>
internal static class VCodeValidator
{
    public static void Validate(VCode code)
    {
        if (code.BlockParams(0).Length != 0) throw Error("entry block has parameters");
        if (code.Predecessors(0).Length != 0) throw Error("entry block has predecessors");
        for (int b = 0; b < code.BlockCount; b++)
        {
            int first = code.BlockFirstInst(b), end = code.BlockEndInst(b);
            if (end <= first) throw Error($"block {b} is empty");
            for (int i = first; i < end; i++)
            {
                bool term = (code.InstFlags(i) & InstFlags.Terminator) != 0;
                if (term != (i == end - 1)) throw Error($"block {b}: inst {i} terminator placement");
                ValidateOperands(code, i);
            }
            int last = end - 1;
            var succs = code.Successors(b);
            if ((code.InstFlags(last) & InstFlags.Return) != 0 && succs.Length != 0) throw Error($"block {b}: return with successors");
            if ((code.InstFlags(last) & InstFlags.Branch) != 0 && succs.Length == 0) throw Error($"block {b}: branch without successors");
            foreach (var op in code.Operands(last))
                if (op.IsDef) throw Error($"block {b}: terminator defines {op.VReg}");
            if (succs.Length == 1 && code.Operands(last).Length != 0)
                throw Error($"block {b}: a single-successor terminator must have no operands (edge moves go before it)");
            for (int k = 0; k < succs.Length; k++)
            {
                int s = succs[k];
                for (int j = 0; j < k; j++)
                    if (succs[j] == s) throw Error($"block {b}: duplicate successor {s}");
                if (succs.Length > 1 && code.Predecessors(s).Length > 1) throw Error($"critical edge {b} -> {s}: split it");
                var args = code.BranchArgs(b, k);
                var ps = code.BlockParams(s);
                if (args.Length != ps.Length) throw Error($"edge {b} -> {s}: {args.Length} args for {ps.Length} params");
                for (int a = 0; a < args.Length; a++)
                    if (args[a].Class != ps[a].Class) throw Error($"edge {b} -> {s}: arg {a} class mismatch");
            }
        }
    }

    private static void ValidateOperands(VCode code, int inst)
    {
        var ops = code.Operands(inst);
        if (ops.Length > 255) throw Error($"inst {inst}: too many operands");
        for (int k = 0; k < ops.Length; k++)
        {
            var op = ops[k];
            if ((uint)op.VReg.Index >= (uint)code.VRegCount || code.VRegClass(op.VReg.Index) != op.VReg.Class)
                throw Error($"inst {inst}: bad vreg {op.VReg}");
            switch (op.Constraint)
            {
                case OperandConstraint.Fixed:
                    if (op.FixedReg.Class != op.VReg.Class) throw Error($"inst {inst}: fixed register class mismatch");
                    if (op.Kind == OperandKind.Mod) throw Error($"inst {inst}: fixed mod operands are not supported");
                    for (int j = 0; j < k; j++)
                        if (ops[j].Constraint == OperandConstraint.Fixed && ops[j].FixedReg == op.FixedReg
                            && ops[j].IsDef == op.IsDef && ops[j].VReg != op.VReg)
                            throw Error($"inst {inst}: two vregs fixed to {op.FixedReg}");
                    break;
                case OperandConstraint.Reuse:
                    if (op.Kind != OperandKind.Def || op.Pos != OperandPos.Late) throw Error($"inst {inst}: reuse must be a late def");
                    if (op.ReuseIndex >= ops.Length || ops[op.ReuseIndex].Kind != OperandKind.Use
                        || ops[op.ReuseIndex].VReg.Class != op.VReg.Class || ops[op.ReuseIndex].Pos != OperandPos.Early
                        || ops[op.ReuseIndex].Constraint == OperandConstraint.Fixed)
                        throw Error($"inst {inst}: reuse target must be an early non-fixed use of the same class");
                    break;
            }
        }
        // A def written before the instruction reads its inputs (early, or a reuse def filled by a copy before
        // the instruction) cannot also be one of those inputs: the old and new value would need one location.
        for (int k = 0; k < ops.Length; k++)
        {
            var d = ops[k];
            if (d.Kind != OperandKind.Def || (d.Pos != OperandPos.Early && d.Constraint != OperandConstraint.Reuse)) continue;
            for (int j = 0; j < ops.Length; j++)
                if (j != k && ops[j].IsUse && ops[j].VReg == d.VReg && !(d.Constraint == OperandConstraint.Reuse && j == d.ReuseIndex))
                    throw Error($"inst {inst}: {d.VReg} is defined early and also read; use a Mod operand or a fresh vreg");
        }
        if ((code.InstFlags(inst) & InstFlags.Move) != 0
            && (ops.Length != 2 || ops[0].Kind != OperandKind.Def || ops[1].Kind != OperandKind.Use || ops[0].VReg.Class != ops[1].VReg.Class))
            throw Error($"inst {inst}: a move has operands (def, use) of one class");
    }

    private static InvalidOperationException Error(string message) => new("invalid VCode: " + message);
}
