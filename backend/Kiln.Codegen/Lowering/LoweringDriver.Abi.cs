using Kiln.IR;

namespace Kiln.Codegen;

public abstract partial class LoweringDriver<TInst>
{
    private int _outgoing;

    /// <summary>Defines the entry's parameters <paramref name="args"/> from where the calling convention puts them:
    /// register params in one instruction with fixed defs, stack params loaded.</summary>
    private void LowerArgs(VReg[] args)
    {
        // i32 params arrive with unspecified upper halves (SysV and AAPCS64 callers, C#): clear them once here so
        // the "i32 is zero-extended" invariant holds inside (the allocator usually makes this a move to itself).
        var incoming = (VReg[])args.Clone();
        var ps = F.Signature.Params;
        for (int i = 0; i < args.Length; i++)
            if (Abi.Params[i].IsReg && ps[i] == IrType.I32) incoming[i] = B.NewVReg(RegClass.Int);
        Begin();
        for (int i = 0; i < args.Length; i++)
            if (Abi.Params[i].IsReg) Op(Operand.FixedDef(incoming[i], Abi.Params[i].Reg));
        Emit(ArgsInst());
        for (int i = 0; i < args.Length; i++)
        {
            if (Abi.Params[i].IsReg)
            {
                if (incoming[i] != args[i]) ZeroExtend32(incoming[i], args[i]);
                continue;
            }
            Begin();
            Op(Operand.RegDef(args[i]));
            Emit(StackArgInst(StackArgAccess.LoadIncomingArg, Abi.Params[i].StackOffset, SizeOf(ps[i])));
        }
    }

    /// <summary><paramref name="to"/> = <paramref name="from"/> with the upper 32 bits cleared.</summary>
    protected void ZeroExtend32(VReg from, VReg to) => B.Emit(ZeroExtend32Inst(), [Operand.RegDef(to), Operand.RegUse(from)]);

    private void LowerReturn(Inst inst)
    {
        var args = Dfg.Args(inst);
        var res = Abi.Results;
        // Stack results go to the caller's return area first; the register ones are uses of ret.
        for (int i = 0; i < args.Length; i++)
        {
            if (res[i].IsReg) continue;
            Begin();
            Op(Operand.RegUse(Use(args[i])));
            Emit(StackArgInst(StackArgAccess.StoreReturnArea, res[i].StackOffset, SizeOf(F.Signature.Results[i])));
        }
        Begin();
        for (int i = 0; i < args.Length; i++)
            if (res[i].IsReg) Op(Operand.FixedUse(Use(args[i]), res[i].Reg));
        Emit(ReturnInst(), InstFlags.Return);
    }

    private void LowerCall(Inst inst)
    {
        ref var d = ref Dfg[inst];
        bool indirect = d.Opcode == Opcode.CallIndirect;
        var sig = indirect ? Dfg.Signatures[d.Ref] : Dfg.Signatures[Dfg.ExtFuncs[d.Ref].Signature.Index];
        var abi = Convention.Compute(sig);
        _outgoing = Math.Max(_outgoing, abi.AreaBytes);
        var args = Dfg.Args(inst);
        int first = indirect ? 1 : 0;
        for (int i = 0; i < sig.Params.Length; i++)
        {
            if (abi.Params[i].IsReg) continue;
            Begin();
            Op(Operand.RegUse(Use(args[first + i])));
            Emit(StackArgInst(StackArgAccess.StoreOutgoingArg, abi.Params[i].StackOffset, SizeOf(sig.Params[i])));
        }
        Begin();
        if (indirect) Op(Operand.RegUse(Use(args[0])));
        for (int i = 0; i < sig.Params.Length; i++)
            if (abi.Params[i].IsReg) Op(Operand.FixedUse(Use(args[first + i]), abi.Params[i].Reg));
        var results = Dfg.Results(inst);
        // Every i32 register result is cleared to its low half after the call, whoever the callee: runtime
        // routines and builtins (C#, reached directly or through a table) follow plain SysV / AAPCS64, which leave
        // the upper half undefined, and an i32 may become a heap index unchanged. Clearing here, rather than
        // trusting the callee, keeps "i32 values are zero-extended" a local fact that the sandbox verifier checks
        // from the code alone. The move usually stays register-to-itself.
        Span<VReg> raw = stackalloc VReg[results.Length];
        for (int i = 0; i < results.Length; i++)
        {
            raw[i] = abi.Results[i].IsReg && sig.Results[i] == IrType.I32 ? B.NewVReg(RegClass.Int) : Get(results[i]);
            if (abi.Results[i].IsReg) Op(Operand.FixedDef(raw[i], abi.Results[i].Reg));
        }
        // A call that may unwind into this function clobbers everything on that edge (no callee restores anything).
        var next = F.Layout.NextInst(inst);
        bool unwinds = next.IsValid && Dfg[next].Opcode == Opcode.JumpUnwind;
        Emit(CallInst(indirect, d.Ref), InstFlags.Call, unwinds ? Env.AllRegisters : Env.CallerSaved);
        for (int i = 0; i < results.Length; i++)
            if (abi.Results[i].IsReg && raw[i] != Get(results[i])) ZeroExtend32(raw[i], Get(results[i]));
        for (int i = 0; i < results.Length; i++)
        {
            if (abi.Results[i].IsReg) continue;
            Begin();
            Op(Operand.RegDef(Get(results[i])));
            Emit(StackArgInst(StackArgAccess.LoadOutgoingResult, abi.Results[i].StackOffset, SizeOf(sig.Results[i])));
        }
    }
}
