using Kiln.IR;

namespace Kiln.Codegen;

public abstract partial class LoweringDriver<TInst>
{
    /// <summary>Lowers what every target lowers alike (jump, brif, br_table's successors, return, calls, traps,
    /// stack_addr, and the remaining no-op <c>uextend</c>); false leaves <paramref name="inst"/> to the target's
    /// <see cref="LowerInst"/>.</summary>
    private bool LowerShared(Inst inst)
    {
        ref var d = ref Dfg[inst];
        switch (d.Opcode)
        {
            case Opcode.Jump:
            {
                var bc = Dfg.BlockCalls(inst)[0];
                var a = BranchArgs(Dfg.BlockCallArgs(bc));
                Begin();
                B.AddSuccessor(VBlock(bc.Block), a);
                Emit(JumpInst(VBlock(bc.Block)), InstFlags.Branch);
                return true;
            }
            case Opcode.Return:
                LowerReturn(inst);
                return true;
            case Opcode.Call:
            case Opcode.CallIndirect:
                LowerCall(inst);
                return true;
            case Opcode.Trap:
                Begin();
                Emit(TrapInst(d.Trap), InstFlags.Return);
                return true;
            case Opcode.Trapz:
            case Opcode.Trapnz:
            {
                Begin();
                var m = TrapIfInst(d.Trap);
                AddCondition(Dfg.Args(inst)[0], ref m);
                if (d.Opcode == Opcode.Trapz) InvertCondition(ref m);
                Emit(m);
                return true;
            }
            case Opcode.Brif:
                LowerBrif(inst);
                return true;
            case Opcode.BrTable:
                if (!LowerDefaultOnlyTable(inst)) LowerBrTable(inst, DeclareJumpTable(inst));
                return true;
            case Opcode.StackAddr:
                Begin();
                Op(Operand.RegDef(Get(Dfg.FirstResult(inst))));
                Emit(StackAddrInst(d.Ref));
                return true;
            case Opcode.Uextend:
                // Only reached for i64 -> iptr, which is aliased; nothing else remains.
                return true;
            default:
                return false;
        }
    }

    private void LowerBrif(Inst inst)
    {
        int t = Successor(inst, 0), e = Successor(inst, 1);
        // Args of edges that go straight to their target are materialized here, before the compare.
        var ta = EdgeArgs(inst, 0);
        var ea = EdgeArgs(inst, 1);
        Begin();
        var m = BranchInst(t, e);
        AddCondition(Dfg.Args(inst)[0], ref m);
        B.AddSuccessor(t, ta);
        B.AddSuccessor(e, ea);
        Emit(m, InstFlags.Branch);
    }

    /// <summary>The typed refusal of an instruction the target has no lowering for (SIMD when it is a v128 one).</summary>
    protected UnsupportedFeatureException Unsupported(Inst inst, string target)
    {
        ref var d = ref Dfg[inst];
        return new UnsupportedFeatureException(d.Type == IrType.V128 ? UnsupportedFeature.Simd : UnsupportedFeature.Operation,
            $"{target} lowering of {d.Opcode.ToString().ToLowerInvariant()}.{d.Type.Name()}");
    }

    /// <summary>The terminator of an edge block or the synthetic entry: a jump to VCode block <paramref name="target"/>
    /// (its successor and arguments are already declared).</summary>
    private void LowerJump(int target) => Emit(JumpInst(target), InstFlags.Branch);

    /// <summary>A br_table whose only target is its default: a plain jump (a single-successor terminator takes no
    /// operands). False when there are other targets (the target lowers the table).</summary>
    private bool LowerDefaultOnlyTable(Inst inst)
    {
        if (Dfg.BlockCalls(inst).Length != 1) return false;
        int only = Successor(inst, 0);
        var oa = EdgeArgs(inst, 0);
        Begin();
        B.AddSuccessor(only, oa);
        Emit(JumpInst(only), InstFlags.Branch);
        return true;
    }

    /// <summary>Declares the successors of br_table <paramref name="inst"/> (each distinct target once: a table of
    /// 100,000 entries over 16 labels has 16 edges) and records the entries, default first, as a jump table; returns
    /// its number.</summary>
    private int DeclareJumpTable(Inst inst) => AddJumpTable(AddSuccessors(inst));

    // ---- constants ----

    /// <summary>A vreg for using <paramref name="v"/> here: constants are materialized right before the user
    /// (rematerializable, so the allocator recomputes rather than spills them).</summary>
    protected VReg Use(Value v)
    {
        var d = DefInst(Root(v));
        if (d.IsValid)
        {
            ref var data = ref Dfg[d];
            if (data.Opcode == Opcode.Iconst)
            {
                var r = B.NewVReg(RegClass.Int);
                EmitConst(r, data.Imm, SizeOf(data.Type));
                return r;
            }
            if (data.Opcode == Opcode.Fconst)
            {
                var r = B.NewVReg(RegClass.Float);
                B.Emit(FloatConstInst(data.Imm, SizeOf(data.Type)), [Operand.RegDef(r)], InstFlags.Rematerializable);
                return r;
            }
        }
        return Get(v);
    }

    /// <summary>Emits a constant directly (it may run while another instruction's operands are being collected).</summary>
    protected void EmitConst(VReg r, long imm, int size) =>
        B.Emit(IntConstInst(size == 4 ? (long)(uint)imm : imm, size), [Operand.RegDef(r)], InstFlags.Rematerializable);
}
