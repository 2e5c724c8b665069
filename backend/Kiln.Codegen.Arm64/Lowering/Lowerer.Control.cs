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
        var calls = Dfg.BlockCalls(inst);
        if (calls.Length == 1)
        {
            // Only a default: a plain jump (a single-successor terminator takes no operands).
            int only = Successor(inst, 0);
            var oa = EdgeArgs(inst, 0);
            Begin();
            B.AddSuccessor(only, oa);
            Emit(new AInst(AOp.Jump, inst.Index) { Target = only }, InstFlags.Branch);
            return;
        }
        // One successor per distinct target; the table maps every entry to its block.
        var succs = AddSuccessors(inst);
        var index = Use(Dfg.Args(inst)[0]);
        _tables.Add(succs);
        Begin();
        Op(Operand.RegUse(index));
        Emit(new AInst(AOp.BrTable, inst.Index) { Target = _tables.Count - 1 }, InstFlags.Branch);
    }

    private void LowerReturn(Inst inst)
    {
        var args = Dfg.Args(inst);
        var res = _abi.Results;
        // Stack results go to the caller's return area first; the register ones are uses of ret.
        for (int i = 0; i < args.Length; i++)
        {
            if (res[i].IsReg) continue;
            Begin();
            Op(Operand.RegUse(Use(args[i])));
            Emit(new AInst(AOp.StoreRetArea, inst.Index) { Disp = res[i].StackOffset, Size = (byte)SizeOf(F.Signature.Results[i]) });
        }
        Begin();
        for (int i = 0; i < args.Length; i++)
            if (res[i].IsReg) Op(Operand.FixedUse(Use(args[i]), res[i].Reg));
        Emit(new AInst(AOp.Ret, inst.Index), InstFlags.Return);
    }

    private void LowerCall(Inst inst)
    {
        ref var d = ref Dfg[inst];
        bool indirect = d.Opcode == Opcode.CallIndirect;
        var sig = indirect ? Dfg.Signatures[d.Ref] : Dfg.Signatures[Dfg.ExtFuncs[d.Ref].Signature.Index];
        var abi = A64CallConv.Instance.Compute(sig);
        _outgoing = Math.Max(_outgoing, abi.AreaBytes);
        var args = Dfg.Args(inst);
        int first = indirect ? 1 : 0;
        for (int i = 0; i < sig.Params.Length; i++)
        {
            if (abi.Params[i].IsReg) continue;
            Begin();
            Op(Operand.RegUse(Use(args[first + i])));
            Emit(new AInst(AOp.StoreOutArg, inst.Index) { Disp = abi.Params[i].StackOffset, Size = (byte)SizeOf(sig.Params[i]) });
        }
        Begin();
        if (indirect) Op(Operand.RegUse(Use(args[0])));
        for (int i = 0; i < sig.Params.Length; i++)
            if (abi.Params[i].IsReg) Op(Operand.FixedUse(Use(args[first + i]), abi.Params[i].Reg));
        var results = Dfg.Results(inst);
        // i32 register results are cleared to their low half after the call, whoever the callee (AAPCS64 leaves the
        // upper half unspecified, and an i32 may become a heap index unchanged).
        Span<VReg> raw = stackalloc VReg[results.Length];
        for (int i = 0; i < results.Length; i++)
        {
            raw[i] = abi.Results[i].IsReg && sig.Results[i] == IrType.I32 ? B.NewVReg(RegClass.Int) : Get(results[i]);
            if (abi.Results[i].IsReg) Op(Operand.FixedDef(raw[i], abi.Results[i].Reg));
        }
        Emit(new AInst(indirect ? AOp.CallIndirect : AOp.Call, inst.Index) { Target = d.Ref }, InstFlags.Call, A64Regs.Env.CallerSaved);
        for (int i = 0; i < results.Length; i++)
            if (abi.Results[i].IsReg && raw[i] != Get(results[i])) ZeroExtend32(raw[i], Get(results[i]));
        for (int i = 0; i < results.Length; i++)
        {
            if (abi.Results[i].IsReg) continue;
            Begin();
            Op(Operand.RegDef(Get(results[i])));
            Emit(new AInst(AOp.LoadOutArg, inst.Index) { Disp = abi.Results[i].StackOffset, Size = (byte)SizeOf(sig.Results[i]) });
        }
    }
}
