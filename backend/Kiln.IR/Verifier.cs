using Kiln.IR.Analysis;
using Kiln.IR.Text;

namespace Kiln.IR;

/// <summary>
/// Checks the invariants every pass and consumer relies on: block structure (exactly one terminator, at
/// the end), operand and result types per the opcode table, branch arguments against target parameters,
/// return values against the signature, call arguments against the callee signature, and SSA dominance
/// (a definition dominates every use; inside a block it comes first). Uses inside unreachable blocks are
/// not dominance-checked. Errors name the block and print the instruction.
/// </summary>
public sealed class Verifier
{
    private readonly Function f;
    private readonly DataFlowGraph dfg;
    private readonly List<string> errors = [];
    private int[] position = [];
    private DominatorTree? dom;

    private Verifier(Function f)
    {
        this.f = f;
        dfg = f.Dfg;
    }

    /// <summary>Returns every error found (empty when the function is well formed).</summary>
    public static List<string> Verify(Function f)
    {
        var v = new Verifier(f);
        v.Run();
        return [.. v.errors.Distinct()]; // one report when a value is used twice by an instruction
    }

    /// <summary>Throws <see cref="VerifierException"/> if the function is malformed.</summary>
    public static void Assert(Function f)
    {
        var errors = Verify(f);
        if (errors.Count > 0)
        {
            throw new VerifierException(errors);
        }
    }

    private void Run()
    {
        var entry = f.Entry;
        if (!entry.IsValid)
        {
            errors.Add("function has no blocks");
            return;
        }
        var entryParams = dfg.BlockParams(entry);
        if (!TypesMatch(entryParams, f.Signature.Params))
        {
            errors.Add($"{entry}: entry parameters must match the signature {f.Signature}");
        }
        if (f.StackLimit is { } limit &&
            (limit.Param < 0 || limit.Param >= f.Signature.Params.Length || f.Signature.Params[limit.Param] != IrType.IPtr))
        {
            errors.Add($"stack_limit names param{limit.Param}, which is not an iptr parameter");
        }
        if (!CheckStructure())
        {
            return; // positions and the CFG are meaningless without well-formed blocks
        }
        var cfg = ControlFlowGraph.Compute(f);
        dom = DominatorTree.Compute(f, cfg);
        foreach (var b in f.Layout.Blocks)
        {
            var ps = dfg.BlockParams(b);
            for (int i = 0; i < ps.Length; i++)
            {
                ref readonly var vd = ref dfg.ValueInfo(ps[i]);
                if (vd.Kind != ValueKind.Param || vd.Def != b.Index || vd.Num != i)
                {
                    errors.Add($"{b}: parameter {i} ({ps[i]}) does not record its position");
                }
            }
            foreach (var inst in f.Layout.Insts(b))
            {
                CheckInst(b, inst);
            }
        }
    }

    private bool CheckStructure()
    {
        position = new int[dfg.InstCount];
        int counter = 0;
        bool ok = true;
        foreach (var b in f.Layout.Blocks)
        {
            var last = f.Layout.LastInst(b);
            if (!last.IsValid)
            {
                errors.Add($"{b}: block is empty");
                ok = false;
                continue;
            }
            foreach (var inst in f.Layout.Insts(b))
            {
                position[inst.Index] = counter++;
                bool term = dfg[inst].Info.Is(OpFlags.Terminator);
                if (term && inst != last)
                {
                    errors.Add(At(b, inst, "terminator before the end of the block"));
                    ok = false;
                }
                else if (!term && inst == last)
                {
                    errors.Add(At(b, inst, "block does not end in a terminator"));
                    ok = false;
                }
            }
        }
        return ok;
    }

    private void CheckInst(Block b, Inst inst)
    {
        ref var d = ref dfg[inst];
        var info = d.Info;
        var args = dfg.Args(inst);

        if (info.CtrlTypes == TypeSet.None ? d.Type != IrType.Invalid : (d.Type.AsSet() & info.CtrlTypes) == 0)
        {
            errors.Add(At(b, inst, $"type {d.Type.Name()} is not allowed for {info.Name}"));
            return;
        }
        if (!CheckRefs(b, inst, ref d))
        {
            return;
        }
        int wantArgs = ExpectedArgCount(inst, ref d);
        if (args.Length != wantArgs)
        {
            errors.Add(At(b, inst, $"{info.Name} takes {wantArgs} operand(s), has {args.Length}"));
            return;
        }
        int wantCalls = info.Format switch { InstFormat.Jump => 1, InstFormat.Brif or InstFormat.JumpUnwind => 2, _ => 0 };
        int calls = d.CallCount;
        if (info.Format == InstFormat.BrTable ? calls < 1 : calls != wantCalls)
        {
            errors.Add(At(b, inst, $"{info.Name} has {calls} branch target(s)"));
            return;
        }
        if (info.Format == InstFormat.JumpUnwind)
        {
            var prev = f.Layout.PrevInst(inst);
            if (!prev.IsValid || !dfg[prev].Info.Is(OpFlags.Call))
            {
                errors.Add(At(b, inst, "jump_unwind must follow a call"));
            }
        }
        if (info.Format is InstFormat.Trap or InstFormat.CondTrap && d.Trap == TrapCode.None)
        {
            errors.Add(At(b, inst, "a trap needs a trap code"));
        }

        for (int i = 0; i < args.Length; i++)
        {
            if (CheckUse(b, inst, args[i]))
            {
                CheckOperandType(b, inst, ref d, i, dfg.ValueType(dfg.Resolve(args[i])));
            }
        }
        CheckConversion(b, inst, ref d, args);
        CheckResults(b, inst);

        var bcs = dfg.BlockCalls(inst);
        for (int c = 0; c < bcs.Length; c++)
        {
            var target = bcs[c].Block;
            if (target.Index < 0 || target.Index >= dfg.BlockCount || !f.Layout.Contains(target))
            {
                errors.Add(At(b, inst, $"branch to {target}, which is not in the function"));
                continue;
            }
            if (target == f.Entry)
            {
                errors.Add(At(b, inst, "branch to the entry block"));
            }
            var cargs = dfg.BlockCallArgs(bcs[c]);
            var ps = dfg.BlockParams(target);
            if (cargs.Length != ps.Length)
            {
                errors.Add(At(b, inst, $"{target} takes {ps.Length} argument(s), {cargs.Length} given"));
                continue;
            }
            for (int i = 0; i < cargs.Length; i++)
            {
                if (CheckUse(b, inst, cargs[i]) && dfg.ValueType(dfg.Resolve(cargs[i])) != dfg.ValueType(ps[i]))
                {
                    errors.Add(At(b, inst, $"argument {i} to {target} is {dfg.ValueType(dfg.Resolve(cargs[i])).Name()}, parameter {ps[i]} is {dfg.ValueType(ps[i]).Name()}"));
                }
            }
        }
    }

    private bool CheckRefs(Block b, Inst inst, ref InstData d)
    {
        bool ok = d.Info.Format switch
        {
            InstFormat.Call or InstFormat.FuncAddr => d.Ref >= 0 && d.Ref < dfg.ExtFuncs.Count,
            InstFormat.CallIndirect => d.Ref >= 0 && d.Ref < dfg.Signatures.Count,
            InstFormat.StackAddr => d.Ref >= 0 && d.Ref < dfg.StackSlots.Count,
            _ => true,
        };
        if (!ok)
        {
            errors.Add($"{b}: {d.Info.Name} refers to an undeclared function, signature or stack slot");
        }
        return ok;
    }

    private int ExpectedArgCount(Inst inst, ref InstData d) => d.Info.Format switch
    {
        InstFormat.Unary or InstFormat.Load or InstFormat.Brif or InstFormat.BrTable or InstFormat.CondTrap => 1,
        InstFormat.Binary or InstFormat.IntCompare or InstFormat.FloatCompare or InstFormat.Store => 2,
        InstFormat.Ternary => 3,
        InstFormat.Call => dfg.CalleeSignature(inst).Params.Length,
        InstFormat.CallIndirect => dfg.CalleeSignature(inst).Params.Length + 1,
        InstFormat.Return => f.Signature.Results.Length,
        _ => 0,
    };

    /// <summary>Checks that a used value exists, is defined in the function, and dominates the use.</summary>
    private bool CheckUse(Block b, Inst inst, Value v)
    {
        if (v.Index < 0 || v.Index >= dfg.ValueCount)
        {
            errors.Add(At(b, inst, $"uses nonexistent value {v}"));
            return false;
        }
        v = dfg.Resolve(v);
        ref readonly var vd = ref dfg.ValueInfo(v);
        switch (vd.Kind)
        {
            case ValueKind.Result:
                {
                    var def = new Inst(vd.Def);
                    var defBlock = f.Layout.InstBlock(def);
                    if (!defBlock.IsValid)
                    {
                        errors.Add(At(b, inst, $"uses {v}, whose instruction is not in the function"));
                        return false;
                    }
                    if (dom!.IsReachable(b) && (defBlock == b ? position[def.Index] >= position[inst.Index] : !dom.Dominates(defBlock, b)))
                    {
                        errors.Add(At(b, inst, $"use of {v} is not dominated by its definition in {defBlock}"));
                    }
                    return true;
                }
            case ValueKind.Param:
                {
                    var defBlock = new Block(vd.Def);
                    var ps = dfg.BlockParams(defBlock);
                    if (!f.Layout.Contains(defBlock) || vd.Num >= ps.Length || ps[vd.Num] != v)
                    {
                        errors.Add(At(b, inst, $"uses {v}, which is not a parameter of a block in the function"));
                        return false;
                    }
                    if (dom!.IsReachable(b) && !dom.Dominates(defBlock, b))
                    {
                        errors.Add(At(b, inst, $"use of {v} is not dominated by its definition in {defBlock}"));
                    }
                    return true;
                }
            default:
                errors.Add(At(b, inst, $"uses undefined value {v}"));
                return false;
        }
    }

    private void CheckOperandType(Block b, Inst inst, ref InstData d, int i, IrType t)
    {
        var info = d.Info;
        TypeSet want = info.Format switch
        {
            InstFormat.Ternary => i == 0 ? TypeSet.Int : d.Type.AsSet(),
            InstFormat.Store => i == 0 ? info.ArgTypes : TypeSet.IPtr,
            InstFormat.Call => dfg.CalleeSignature(inst).Params[i].AsSet(),
            InstFormat.CallIndirect => i == 0 ? TypeSet.IPtr : dfg.CalleeSignature(inst).Params[i - 1].AsSet(),
            InstFormat.Return => f.Signature.Results[i].AsSet(),
            _ => info.ArgTypes == TypeSet.SameAsCtrl ? d.Type.AsSet() : info.ArgTypes,
        };
        if ((t.AsSet() & want) == 0)
        {
            errors.Add(At(b, inst, $"operand {i} has type {t.Name()}, expected {Describe(want)}"));
        }
    }

    /// <summary>Width relations the type sets cannot express: extends widen, reduces narrow, bitcasts keep size.</summary>
    private void CheckConversion(Block b, Inst inst, ref InstData d, Span<Value> args)
    {
        if (args.Length != 1)
        {
            return;
        }
        var from = dfg.ValueType(dfg.Resolve(args[0]));
        var to = d.Type;
        bool ok = d.Opcode switch
        {
            Opcode.Uextend or Opcode.Sextend => to == IrType.IPtr ? from != IrType.IPtr : from == IrType.I32,
            Opcode.Ireduce => to == IrType.I32 ? from is IrType.I64 or IrType.IPtr : from == IrType.IPtr,
            Opcode.Bitcast => from.Bits() == to.Bits() && from.IsInt() != to.IsInt(),
            _ => true,
        };
        if (!ok)
        {
            errors.Add(At(b, inst, $"cannot convert {from.Name()} to {to.Name()} with {d.Info.Name}"));
        }
    }

    private void CheckResults(Block b, Inst inst)
    {
        var results = dfg.Results(inst);
        int want = dfg.ResultTypeCount(inst);
        if (results.Length != want)
        {
            errors.Add(At(b, inst, $"has {results.Length} result(s), expected {want}"));
            return;
        }
        for (int i = 0; i < results.Length; i++)
        {
            ref readonly var vd = ref dfg.ValueInfo(results[i]);
            if (vd.Kind != ValueKind.Result || vd.Def != inst.Index || vd.Num != i)
            {
                errors.Add(At(b, inst, $"result {results[i]} does not record its definition"));
            }
            else if (vd.Type != dfg.ResultType(inst, i))
            {
                errors.Add(At(b, inst, $"result {results[i]} has type {vd.Type.Name()}, expected {dfg.ResultType(inst, i).Name()}"));
            }
        }
    }

    private bool TypesMatch(ReadOnlySpan<Value> values, IrType[] types)
    {
        if (values.Length != types.Length)
        {
            return false;
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (dfg.ValueType(values[i]) != types[i])
            {
                return false;
            }
        }
        return true;
    }

    private static string Describe(TypeSet set)
    {
        var names = new List<string>();
        for (var t = IrType.I32; t <= IrType.V128; t++)
        {
            if ((set & t.AsSet()) != 0)
            {
                names.Add(t.Name());
            }
        }
        return string.Join(" or ", names);
    }

    private string At(Block b, Inst inst, string msg)
    {
        string text;
        try
        {
            text = Printer.FormatInst(f, inst);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            text = $"{dfg[inst].Info.Name} ({inst})";
        }
        return $"{b}: {text}: {msg}";
    }
}
