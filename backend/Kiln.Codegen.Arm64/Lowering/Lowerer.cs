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
    private readonly AbiSignature _abi;
    private readonly int[] _addrUses;
    private readonly List<int[]> _tables = [];
    private int _outgoing;

    private Lowerer(Function f) : base(f)
    {
        _abi = A64CallConv.Instance.Compute(f.Signature);
        _addrUses = new int[Dfg.ValueCount];
    }

    public static LoweredFunction<AInst> Lower(Function f)
    {
        var l = new Lowerer(f);
        var code = l.Run();
        return new LoweredFunction<AInst>
        {
            Code = code,
            Abi = l._abi,
            JumpTables = l._tables.ToArray(),
            OutgoingBytes = l._outgoing,
            Callees = f.Dfg.ExtFuncs,
            FeaturesUsed = CpuFeatures.None,
            StackSlots = f.Dfg.StackSlots,
            StackLimit = f.StackLimit,
        };
    }

    protected override void LowerJump(int target) => Emit(new AInst(AOp.Jump, CurIr) { Target = target }, InstFlags.Branch);

    /// <summary>The entry's param definitions: register params in one instruction with fixed defs, stack params loaded.</summary>
    protected override void LowerArgs(VReg[] args)
    {
        // i32 params arrive with unspecified upper halves (AAPCS64): clear them once so "i32 is zero-extended" holds.
        var incoming = (VReg[])args.Clone();
        var ps = F.Signature.Params;
        for (int i = 0; i < args.Length; i++)
            if (_abi.Params[i].IsReg && ps[i] == IrType.I32) incoming[i] = B.NewVReg(RegClass.Int);
        Begin();
        for (int i = 0; i < args.Length; i++)
            if (_abi.Params[i].IsReg) Op(Operand.FixedDef(incoming[i], _abi.Params[i].Reg));
        Emit(new AInst(AOp.Args, -1));
        for (int i = 0; i < args.Length; i++)
        {
            if (_abi.Params[i].IsReg)
            {
                if (incoming[i] != args[i]) ZeroExtend32(incoming[i], args[i]);
                continue;
            }
            Begin();
            Op(Operand.RegDef(args[i]));
            Emit(new AInst(AOp.LoadStackArg, -1) { Disp = _abi.Params[i].StackOffset, Size = (byte)SizeOf(ps[i]) });
        }
    }

    private void ZeroExtend32(VReg from, VReg to) =>
        B.Emit(new AInst(AOp.Extend, CurIr) { Sub = (byte)ExtendOp.Zext32, Size = 4 }, [Operand.RegDef(to), Operand.RegUse(from)]);

    /// <summary>A vreg for using <paramref name="v"/> here: constants are materialized right before the user.</summary>
    protected override VReg Use(Value v)
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
                B.Emit(new AInst(AOp.FConst, CurIr) { Imm = data.Imm, Size = (byte)SizeOf(data.Type) }, [Operand.RegDef(r)], InstFlags.Rematerializable);
                return r;
            }
        }
        return Get(v);
    }

    private void EmitConst(VReg r, long imm, int size) =>
        B.Emit(new AInst(AOp.MovImm, CurIr) { Imm = size == 4 ? (long)(uint)imm : imm, Size = (byte)size }, [Operand.RegDef(r)], InstFlags.Rematerializable);

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
