using Kiln.IR;

namespace Kiln.Codegen.Arm64;

/// <summary>
/// AArch64 instruction selection on the shared <see cref="LoweringDriver{TInst}"/> (block order, edge splitting,
/// vregs, use counts). Small top-down patterns (see the partial files): constants are materialized at each use or
/// folded into encodable immediates (add/sub imm12, logical bitmasks, shift amounts, compares), compares feeding a
/// branch/select/trap in the same block become flags (or cbz/cbnz against zero), an address addition used only as
/// addresses becomes the register-offset form, <c>iadd(x, imul(a, b))</c> becomes madd, and <c>uextend</c> of an
/// i32 is free (W-register writes clear the upper half).
/// </summary>
internal sealed partial class Lowerer : LoweringDriver<AInst>
{
    private Lowerer(Function f) : base(f, A64CallConv.Instance, A64Regs.Env)
    {
    }

    public static LoweredFunction<AInst> Lower(Function f) => new Lowerer(f).Run();

    // ---- the instructions of the shared lowering ----

    protected override AInst ArgsInst() => new(AOp.Args, CurIr);

    private static readonly AOp[] StackArgOps = [AOp.LoadStackArg, AOp.StoreOutArg, AOp.LoadOutArg, AOp.StoreRetArea];

    protected override AInst StackArgInst(StackArgAccess access, int offset, int size) =>
        new(StackArgOps[(int)access], CurIr) { Disp = offset, Size = (byte)size };

    protected override AInst ZeroExtend32Inst() => new(AOp.Extend, CurIr) { Sub = (byte)ExtendOp.Zext32, Size = 4 };
    protected override AInst IntConstInst(long imm, int size) => new(AOp.MovImm, CurIr) { Imm = imm, Size = (byte)size };
    protected override AInst FloatConstInst(long bits, int size) => new(AOp.FConst, CurIr) { Imm = bits, Size = (byte)size };
    protected override AInst JumpInst(int target) => new(AOp.Jump, CurIr) { Target = target };
    protected override AInst ReturnInst() => new(AOp.Ret, CurIr);
    protected override AInst CallInst(bool indirect, int callee) => new(indirect ? AOp.CallIndirect : AOp.Call, CurIr) { Target = callee };
    protected override AInst TrapInst(TrapCode code) => new(AOp.Trap, CurIr) { Trap = code };
    protected override AInst BranchInst(int ifTrue, int ifFalse) => new(AOp.Brif, CurIr) { Target = ifTrue, Target2 = ifFalse };
    protected override AInst TrapIfInst(TrapCode code) => new(AOp.TrapIf, CurIr) { Trap = code };
    protected override AInst StackAddrInst(int slot) => new(AOp.StackAddr, CurIr) { Target = slot, Size = 8 };
    protected override void InvertCondition(ref AInst m) => m.Cond = m.Cond.Invert();

    /// <summary>The constant <paramref name="v"/> at the width of <paramref name="t"/> (sign-extended from 32 bits for i32).</summary>
    private bool ConstOf(Value v, IrType t, out long c)
    {
        if (!IsConst(v, out c)) return false;
        if (SizeOf(t) == 4) c = (int)c;
        return true;
    }

    /// <summary>Whether <paramref name="c"/> is an add/sub immediate (0..4095, optionally shifted by 12).</summary>
    internal static bool IsAddImm(long c) => c >= 0 && (c < 4096 || ((c & 0xFFF) == 0 && c < 1 << 24));
}
