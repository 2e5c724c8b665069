using Kiln.IR;

namespace Kiln.Codegen.X64;

internal sealed partial class Lowerer
{
    private void LowerBrif(Inst inst)
    {
        var calls = Dfg.BlockCalls(inst);
        int t = Successor(inst, 0), e = Successor(inst, 1);
        // Args of edges that go straight to their target are materialized here, before the compare.
        var ta = EdgeArgs(inst, 0);
        var ea = EdgeArgs(inst, 1);
        Begin();
        var m = new MInst(MOp.Brif, inst.Index) { Target = t, Target2 = e };
        AddCondition(Dfg.Args(inst)[0], ref m);
        B.AddSuccessor(t, ta);
        B.AddSuccessor(e, ea);
        Emit(m, InstFlags.Branch);
    }

    /// <summary>The normal successor is a jump; the landing successor has no code path here, only the landing site.
    /// Clobbering every register at the terminator too keeps every value live into either successor in its spill
    /// slot from the call on, so the landing block (entered with only rsp/rbp valid) reloads what it needs.</summary>
    private void LowerJumpUnwind(Inst inst)
    {
        int normal = Successor(inst, 0), landing = Successor(inst, 1);
        var na = EdgeArgs(inst, 0);
        var la = EdgeArgs(inst, 1);
        Begin();
        B.AddSuccessor(normal, na);
        B.AddSuccessor(landing, la);
        Emit(new MInst(MOp.JumpUnwind, inst.Index) { Target = normal, Target2 = landing }, InstFlags.Branch, X64Regs.Env.AllRegisters);
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
            Emit(new MInst(MOp.Jump, inst.Index) { Target = only }, InstFlags.Branch);
            return;
        }
        // One successor per distinct target; the table maps every entry to its block.
        var succs = AddSuccessors(inst);
        // Terminators define nothing, so the target address is computed by the instruction before.
        var index = Use(Dfg.Args(inst)[0]);
        var target = B.NewVReg(RegClass.Int);
        _tables.Add(succs);
        B.Emit(new MInst(MOp.JumpTableTarget, inst.Index) { Target = _tables.Count - 1 }, [Operand.RegDefEarly(target), Operand.RegUse(index)]);
        Begin();
        Op(Operand.RegUse(target));
        Emit(new MInst(MOp.BrTable, inst.Index) { Target = _tables.Count - 1 }, InstFlags.Branch);
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
            Emit(new MInst(MOp.StoreRetArea, inst.Index) { Disp = res[i].StackOffset, Size = (byte)SizeOf(F.Signature.Results[i]) });
        }
        Begin();
        for (int i = 0; i < args.Length; i++)
            if (res[i].IsReg) Op(Operand.FixedUse(Use(args[i]), res[i].Reg));
        Emit(new MInst(MOp.Ret, inst.Index), InstFlags.Return);
    }

    private void LowerCall(Inst inst)
    {
        ref var d = ref Dfg[inst];
        bool indirect = d.Opcode == Opcode.CallIndirect;
        var sig = indirect ? Dfg.Signatures[d.Ref] : Dfg.Signatures[Dfg.ExtFuncs[d.Ref].Signature.Index];
        var abi = X64CallConv.Instance.Compute(sig);
        _outgoing = Math.Max(_outgoing, abi.AreaBytes);
        var args = Dfg.Args(inst);
        int first = indirect ? 1 : 0;
        for (int i = 0; i < sig.Params.Length; i++)
        {
            if (abi.Params[i].IsReg) continue;
            Begin();
            Op(Operand.RegUse(Use(args[first + i])));
            Emit(new MInst(MOp.StoreOutArg, inst.Index) { Disp = abi.Params[i].StackOffset, Size = (byte)SizeOf(sig.Params[i]) });
        }
        Begin();
        if (indirect) Op(Operand.RegUse(Use(args[0])));
        for (int i = 0; i < sig.Params.Length; i++)
            if (abi.Params[i].IsReg) Op(Operand.FixedUse(Use(args[first + i]), abi.Params[i].Reg));
        var results = Dfg.Results(inst);
        // Every i32 register result is cleared to its low half after the call, whoever the callee: runtime
        // routines and builtins (C#, reached directly or through a table) follow plain SysV, which leaves the
        // upper half of rax undefined, and an i32 may become a heap index (`[base + index]`) unchanged. Clearing
        // here, rather than trusting the callee, keeps "i32 values are zero-extended" a local fact that the
        // sandbox verifier checks from the code alone. The mov usually stays register-to-itself (one cycle).
        Span<VReg> raw = stackalloc VReg[results.Length];
        for (int i = 0; i < results.Length; i++)
        {
            raw[i] = abi.Results[i].IsReg && sig.Results[i] == IrType.I32 ? B.NewVReg(RegClass.Int) : Get(results[i]);
            if (abi.Results[i].IsReg) Op(Operand.FixedDef(raw[i], abi.Results[i].Reg));
        }
        // A call that may unwind into this function clobbers everything on that edge (no callee restores anything).
        var next = F.Layout.NextInst(inst);
        bool unwinds = next.IsValid && Dfg[next].Opcode == Opcode.JumpUnwind;
        Emit(new MInst(indirect ? MOp.CallIndirect : MOp.Call, inst.Index) { Target = d.Ref }, InstFlags.Call,
            unwinds ? X64Regs.Env.AllRegisters : X64Regs.Env.CallerSaved);
        for (int i = 0; i < results.Length; i++)
            if (abi.Results[i].IsReg && raw[i] != Get(results[i])) ZeroExtend32(raw[i], Get(results[i]));
        for (int i = 0; i < results.Length; i++)
        {
            if (abi.Results[i].IsReg) continue;
            Begin();
            Op(Operand.RegDef(Get(results[i])));
            Emit(new MInst(MOp.LoadOutArg, inst.Index) { Disp = abi.Results[i].StackOffset, Size = (byte)SizeOf(sig.Results[i]) });
        }
    }
}
