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
    private readonly AbiSignature _abi;
    private readonly int[] _addrUses;
    private readonly List<int[]> _tables = [];
    private int _outgoing;
    private CpuFeatures _features;

    private Lowerer(Function f, CpuFeatures options) : base(f)
    {
        _options = options;
        _abi = X64CallConv.Instance.Compute(f.Signature);
        _addrUses = new int[Dfg.ValueCount];
    }

    public static LoweredFunction<MInst> Lower(Function f, CpuFeatures features)
    {
        var l = new Lowerer(f, features);
        var code = l.Run();
        return new LoweredFunction<MInst>
        {
            Code = code,
            Abi = l._abi,
            JumpTables = l._tables.ToArray(),
            OutgoingBytes = l._outgoing,
            Callees = f.Dfg.ExtFuncs,
            FeaturesUsed = l._features,
            StackSlots = f.Dfg.StackSlots,
            StackLimit = f.StackLimit,
        };
    }

    protected override void LowerJump(int target) => Emit(new MInst(MOp.Jump, CurIr) { Target = target }, InstFlags.Branch);

    /// <summary>The entry's param definitions: register params in one instruction with fixed defs, stack params loaded.</summary>
    protected override void LowerArgs(VReg[] args)
    {
        // i32 params arrive with unspecified upper halves (SysV callers, C#): clear them once here so the
        // "i32 is zero-extended" invariant holds inside (the allocator usually makes this mov r32 to itself).
        var incoming = (VReg[])args.Clone();
        var ps = F.Signature.Params;
        for (int i = 0; i < args.Length; i++)
            if (_abi.Params[i].IsReg && ps[i] == IrType.I32) incoming[i] = B.NewVReg(RegClass.Int);
        Begin();
        for (int i = 0; i < args.Length; i++)
            if (_abi.Params[i].IsReg) Op(Operand.FixedDef(incoming[i], _abi.Params[i].Reg));
        Emit(new MInst(MOp.Args, -1));
        for (int i = 0; i < args.Length; i++)
        {
            if (_abi.Params[i].IsReg)
            {
                if (incoming[i] != args[i]) ZeroExtend32(incoming[i], args[i]);
                continue;
            }
            Begin();
            Op(Operand.RegDef(args[i]));
            Emit(new MInst(MOp.LoadStackArg, -1) { Disp = _abi.Params[i].StackOffset, Size = (byte)SizeOf(ps[i]) });
        }
    }

    private void ZeroExtend32(VReg from, VReg to) =>
        B.Emit(new MInst(MOp.Extend, CurIr) { Sub = (byte)ExtendOp.Zext32, Size = 4 }, [Operand.RegDef(to), Operand.RegUse(from)]);

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
                B.Emit(new MInst(MOp.FConst, CurIr) { Imm = data.Imm, Size = (byte)SizeOf(data.Type) }, [Operand.RegDef(r)], InstFlags.Rematerializable);
                return r;
            }
        }
        return Get(v);
    }

    /// <summary>Emits a constant directly (it may run while another instruction's operands are being collected).</summary>
    private void EmitConst(VReg r, long imm, int size) =>
        B.Emit(new MInst(MOp.MovImm, CurIr) { Imm = size == 4 ? (long)(uint)imm : imm, Size = (byte)size }, [Operand.RegDef(r)], InstFlags.Rematerializable);
}
