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
}
