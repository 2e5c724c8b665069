using Kiln.IR;

namespace Kiln.Codegen;

public abstract partial class LoweringDriver<TInst>
{
    // The target's instruction for each thing the shared lowering emits. Each returns the bare instruction (the
    // driver adds the operands); it comes from the IR instruction being lowered, CurIr (-1 while the entry's
    // parameters are defined).

    /// <summary>The entry pseudo-instruction whose fixed defs are the register-passed params (emits nothing).</summary>
    protected abstract TInst ArgsInst();

    /// <summary>A stack access of the ABI lowering: operand 0 is the value (def for a load, use for a store).</summary>
    protected abstract TInst StackArgInst(StackArgAccess access, int offset, int size);

    /// <summary>Operand 0 def = operand 1 use with the upper 32 bits cleared.</summary>
    protected abstract TInst ZeroExtend32Inst();

    /// <summary>Operand 0 def = the integer constant <paramref name="imm"/> (already zero-extended when 4 bytes).</summary>
    protected abstract TInst IntConstInst(long imm, int size);

    /// <summary>Operand 0 def (float) = the IEEE bits <paramref name="bits"/>.</summary>
    protected abstract TInst FloatConstInst(long bits, int size);

    /// <summary>An unconditional jump to VCode block <paramref name="target"/> (no operands).</summary>
    protected abstract TInst JumpInst(int target);

    /// <summary>The return: uses fixed to the result registers; the target adds the epilogue.</summary>
    protected abstract TInst ReturnInst();

    /// <summary>A call of external function <paramref name="callee"/> (indirect: operand 0 is the address).</summary>
    protected abstract TInst CallInst(bool indirect, int callee);

    /// <summary>An unconditional trap with <paramref name="code"/>.</summary>
    protected abstract TInst TrapInst(TrapCode code);

    /// <summary>A two-way branch on a condition: to VCode block <paramref name="ifTrue"/> when it holds, else to
    /// <paramref name="ifFalse"/> (<see cref="AddCondition"/> adds the condition's operands).</summary>
    protected abstract TInst BranchInst(int ifTrue, int ifFalse);

    /// <summary>A trap with <paramref name="code"/> when a condition holds (<see cref="AddCondition"/> adds it).</summary>
    protected abstract TInst TrapIfInst(TrapCode code);

    /// <summary>Operand 0 def = the address of IR stack slot <paramref name="slot"/> in the frame.</summary>
    protected abstract TInst StackAddrInst(int slot);

    /// <summary>Appends to <paramref name="m"/> the operands and condition that make it act when <paramref name="cond"/>
    /// (an i32 or i64) is true: the compare fused into it (<see cref="IsFusedCompare"/>), or a test against zero.</summary>
    protected abstract void AddCondition(Value cond, ref TInst m);

    /// <summary>Makes <paramref name="m"/> act when its condition is false instead.</summary>
    protected abstract void InvertCondition(ref TInst m);

    /// <summary>The jump of br_table <paramref name="inst"/> through jump table <paramref name="table"/> (its successors
    /// are declared; the index is the instruction's argument; a table with only a default is a plain jump already).</summary>
    protected abstract void LowerBrTable(Inst inst, int table);
}
