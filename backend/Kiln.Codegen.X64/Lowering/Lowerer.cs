using Kiln.IR;

namespace Kiln.Codegen.X64;

/// <summary>
/// x86-64 instruction selection on the shared <see cref="LoweringDriver{TInst}"/> (block order, edge splitting,
/// vregs, use counts). Instructions are selected top-down with small patterns (see the partial files): constants
/// are materialized at each use (or folded into imm32 operands), compares feeding a branch/select/trap in the same
/// block become flags, address additions fold into address modes, single-use loads right before an ALU op fold
/// into its memory operand, and <c>uextend</c> of an i32 is free (upper halves are kept zero).
/// </summary>
internal sealed partial class Lowerer : LoweringDriver<MInst>
{
    private readonly CpuFeatures _options;

    private Lowerer(Function f, CpuFeatures options) : base(f, X64CallConv.Instance, X64Regs.Env)
    {
        _options = options;
    }

    public static LoweredFunction<MInst> Lower(Function f, CpuFeatures features) => new Lowerer(f, features).Run();

    // ---- the instructions of the shared lowering ----

    protected override MInst ArgsInst() => new(MOp.Args, CurIr);

    private static readonly MOp[] StackArgOps = [MOp.LoadStackArg, MOp.StoreOutArg, MOp.LoadOutArg, MOp.StoreRetArea];

    protected override MInst StackArgInst(StackArgAccess access, int offset, int size) =>
        new(StackArgOps[(int)access], CurIr) { Disp = offset, Size = (byte)size };

    protected override MInst ZeroExtend32Inst() => new(MOp.Extend, CurIr) { Sub = (byte)ExtendOp.Zext32, Size = 4 };
    protected override MInst IntConstInst(long imm, int size) => new(MOp.MovImm, CurIr) { Imm = imm, Size = (byte)size };
    protected override MInst FloatConstInst(long bits, int size) => new(MOp.FConst, CurIr) { Imm = bits, Size = (byte)size };
    protected override MInst JumpInst(int target) => new(MOp.Jump, CurIr) { Target = target };
    protected override MInst ReturnInst() => new(MOp.Ret, CurIr);
    protected override MInst CallInst(bool indirect, int callee) => new(indirect ? MOp.CallIndirect : MOp.Call, CurIr) { Target = callee };
    protected override MInst TrapInst(TrapCode code) => new(MOp.Trap, CurIr) { Trap = code };
    protected override MInst BranchInst(int ifTrue, int ifFalse) => new(MOp.Brif, CurIr) { Target = ifTrue, Target2 = ifFalse };
    protected override MInst TrapIfInst(TrapCode code) => new(MOp.TrapIf, CurIr) { Trap = code };
    protected override MInst StackAddrInst(int slot) => new(MOp.StackAddr, CurIr) { Target = slot, Size = 8 };
    protected override void InvertCondition(ref MInst m) => m.Cond = m.Cond.Invert();

    /// <summary>Whether <paramref name="v"/> is a constant usable as the imm32 of an operation of type <paramref name="t"/>.</summary>
    private bool FitsImm32(Value v, IrType t, out int imm)
    {
        imm = 0;
        if (!IsConst(v, out long c)) return false;
        if (SizeOf(t) == 4) { imm = (int)c; return true; }
        if (c != (int)c) return false;
        imm = (int)c;
        return true;
    }
}
