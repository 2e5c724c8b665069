using Kiln.IR;

namespace Kiln.Codegen.X64;

/// <summary>
/// IR → VCode instruction selection. Blocks keep the IR layout order; critical edges get an edge block placed
/// right after their source. Instructions are selected top-down with small patterns (see the partial files):
/// constants are materialized at each use (or folded into imm32 operands), compares feeding a branch/select/trap
/// in the same block become flags, address additions fold into address modes, single-use loads right before an
/// ALU op fold into its memory operand, and <c>uextend</c> of an i32 is free (upper halves are kept zero).
/// </summary>
internal sealed partial class Lowerer
{
    private readonly Function _f;
    private readonly DataFlowGraph _dfg;
    private readonly CompileOptions _options;
    private readonly VCodeBuilder<MInst> _b = new();
    private readonly AbiSignature _abi;
    private readonly VReg[] _vreg;
    private readonly bool[] _hasVReg;
    private readonly int[] _useCount;
    private readonly int[] _addrUses;
    /// <summary>Per IR inst: not emitted where it stands (folded into its user, or a constant).</summary>
    private readonly bool[] _folded;
    private readonly int[] _vblock;
    /// <summary>Per IR terminator, per block call: the edge block, or -1 when the edge goes straight to the target.</summary>
    private readonly Dictionary<(int Inst, int Call), int> _edgeBlock = [];
    private readonly List<(int Block, int Inst, int Call)> _edges = [];
    private readonly List<int[]> _tables = [];
    private int _syntheticEntry = -1;
    private int _outgoing;
    private CpuFeatures _features;
    private Operand[] _ops = new Operand[16];
    private int _n;
    private int _curIr = -1;

    private Lowerer(Function f, CompileOptions options)
    {
        _f = f;
        _dfg = f.Dfg;
        _options = options;
        _abi = CallConv.Compute(f.Signature);
        _vreg = new VReg[_dfg.ValueCount];
        _hasVReg = new bool[_dfg.ValueCount];
        _useCount = new int[_dfg.ValueCount];
        _addrUses = new int[_dfg.ValueCount];
        _folded = new bool[_dfg.InstCount];
        _vblock = new int[_dfg.BlockCount];
    }

    public static LoweredFunction Lower(Function f, CompileOptions options)
    {
        var l = new Lowerer(f, options);
        l.Analyze();
        l.PlanBlocks();
        l.LowerAll();
        return new LoweredFunction
        {
            Code = l._b.Build(),
            Abi = l._abi,
            JumpTables = l._tables.ToArray(),
            OutgoingBytes = l._outgoing,
            Callees = f.Dfg.ExtFuncs,
            FeaturesUsed = l._features,
            StackSlots = f.Dfg.StackSlots,
        };
    }

    // ---- blocks ----

    private void PlanBlocks()
    {
        var predEdges = new int[_dfg.BlockCount];
        foreach (var blk in _f.Layout.Blocks)
        {
            var term = _f.Terminator(blk);
            if (!term.IsValid) throw new InvalidOperationException($"block{blk.Index} has no terminator");
            foreach (var call in _dfg.BlockCalls(term)) predEdges[call.Block.Index]++;
        }
        int next = 0;
        if (predEdges[_f.Entry.Index] > 0) _syntheticEntry = next++;
        foreach (var blk in _f.Layout.Blocks)
        {
            _vblock[blk.Index] = next++;
            var term = _f.Terminator(blk);
            var calls = _dfg.BlockCalls(term);
            if (calls.Length < 2) continue;
            for (int k = 0; k < calls.Length; k++)
            {
                // An edge needs its own block when it is critical or when another call of this terminator
                // already goes to the same target (VCode successors are distinct).
                bool dup = false;
                for (int j = 0; j < calls.Length; j++)
                    if (j != k && calls[j].Block == calls[k].Block) dup = true;
                if (predEdges[calls[k].Block.Index] > 1 || dup)
                {
                    _edgeBlock[(term.Index, k)] = next++;
                    _edges.Add((blk.Index, term.Index, k));
                }
            }
        }
        for (int i = 0; i < next; i++) _b.CreateBlock();
    }

    private int Successor(Inst term, int call) =>
        _edgeBlock.TryGetValue((term.Index, call), out int e) ? e : _vblock[_dfg.BlockCalls(term)[call].Block.Index];

    private void LowerAll()
    {
        if (_syntheticEntry >= 0)
        {
            _b.SwitchToBlock(_syntheticEntry);
            var ps = _dfg.BlockParams(_f.Entry);
            var args = new VReg[ps.Length];
            for (int i = 0; i < ps.Length; i++) args[i] = _b.NewVReg(ClassOf(_dfg.ValueType(ps[i])));
            EmitArgs(args);
            _b.AddSuccessor(_vblock[_f.Entry.Index], args);
            Begin();
            Emit(new MInst(MOp.Jump, -1) { Target = _vblock[_f.Entry.Index] }, InstFlags.Branch);
        }
        int edgeCursor = 0;
        foreach (var blk in _f.Layout.Blocks)
        {
            int vb = _vblock[blk.Index];
            _b.SwitchToBlock(vb);
            var ps = _dfg.BlockParams(blk);
            if (blk == _f.Entry && _syntheticEntry < 0)
            {
                var args = new VReg[ps.Length];
                for (int i = 0; i < ps.Length; i++) args[i] = Get(ps[i]);
                EmitArgs(args);
            }
            else
            {
                foreach (var p in ps) _b.AddBlockParam(vb, Get(p));
            }
            foreach (var inst in _f.Layout.Insts(blk))
            {
                _curIr = inst.Index;
                LowerInst(inst);
            }
            _curIr = -1;
            // Edge blocks of this block's terminator follow it.
            while (edgeCursor < _edges.Count && _edges[edgeCursor].Block == blk.Index)
            {
                var (_, termIdx, call) = _edges[edgeCursor++];
                var term = new Inst(termIdx);
                var bc = _dfg.BlockCalls(term)[call];
                _b.SwitchToBlock(_edgeBlock[(termIdx, call)]);
                _curIr = termIdx;
                var argVregs = BranchArgs(_dfg.BlockCallArgs(bc));
                _b.AddSuccessor(_vblock[bc.Block.Index], argVregs);
                Begin();
                Emit(new MInst(MOp.Jump, termIdx) { Target = _vblock[bc.Block.Index] }, InstFlags.Branch);
                _curIr = -1;
            }
        }
    }

    /// <summary>The entry's param definitions: register params in one instruction with fixed defs, stack params loaded.</summary>
    private void EmitArgs(VReg[] args)
    {
        // i32 params arrive with unspecified upper halves (SysV callers, C#): clear them once here so the
        // "i32 is zero-extended" invariant holds inside (the allocator usually makes this mov r32 to itself).
        var incoming = (VReg[])args.Clone();
        var ps = _f.Signature.Params;
        for (int i = 0; i < args.Length; i++)
            if (_abi.Params[i].IsReg && ps[i] == IrType.I32) incoming[i] = _b.NewVReg(RegClass.Int);
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
        _b.Emit(new MInst(MOp.Extend, _curIr) { Sub = (byte)ExtendOp.Zext32, Size = 4 }, [Operand.RegDef(to), Operand.RegUse(from)]);

    private VReg[] BranchArgs(ReadOnlySpan<Value> vals)
    {
        var r = new VReg[vals.Length];
        for (int i = 0; i < vals.Length; i++) r[i] = Use(vals[i]);
        return r;
    }

    // ---- values ----

    private static RegClass ClassOf(IrType t) => t.IsFloat() || t == IrType.V128 ? RegClass.Float : RegClass.Int;

    /// <summary>Byte size of a type's values (iptr is 8 on x86-64).</summary>
    private static int SizeOf(IrType t) => t switch
    {
        IrType.I32 or IrType.F32 => 4,
        IrType.V128 => 16,
        _ => 8,
    };

    /// <summary>The vreg holding value <paramref name="v"/> (created on first request).</summary>
    private VReg Get(Value v)
    {
        int i = Root(v).Index;
        if (!_hasVReg[i])
        {
            _vreg[i] = _b.NewVReg(ClassOf(_dfg.ValueType(v)));
            _hasVReg[i] = true;
        }
        return _vreg[i];
    }

    private Value Root(Value v)
    {
        while (_alias[v.Index] >= 0) v = new Value(_alias[v.Index]);
        return v;
    }

    private Inst DefInst(Value v)
    {
        ref readonly var vd = ref _dfg.ValueInfo(v);
        return vd.Kind == ValueKind.Result ? new Inst(vd.Def) : Inst.None;
    }

    private bool IsConst(Value v, out long imm)
    {
        var d = DefInst(Root(v));
        if (d.IsValid && _dfg[d].Opcode == Opcode.Iconst)
        {
            imm = _dfg[d].Imm;
            // A wide value whose root is a 32-bit constant got there through a free uextend (the only widening
            // alias): its value is the zero-extension. Sign-extending it folded (uextend -1) + 4 into disp 3,
            // reading inside the memory where wasm must trap.
            if (SizeOf(_dfg.ValueType(v)) == 8 && SizeOf(_dfg[d].Type) == 4) imm = (uint)imm;
            return true;
        }
        imm = 0;
        return false;
    }

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
    private VReg Use(Value v)
    {
        var d = DefInst(Root(v));
        if (d.IsValid)
        {
            ref var data = ref _dfg[d];
            if (data.Opcode == Opcode.Iconst)
            {
                var r = _b.NewVReg(RegClass.Int);
                EmitConst(r, data.Imm, SizeOf(data.Type));
                return r;
            }
            if (data.Opcode == Opcode.Fconst)
            {
                var r = _b.NewVReg(RegClass.Float);
                _b.Emit(new MInst(MOp.FConst, _curIr) { Imm = data.Imm, Size = (byte)SizeOf(data.Type) }, [Operand.RegDef(r)], InstFlags.Rematerializable);
                return r;
            }
        }
        return Get(v);
    }

    /// <summary>Emits a constant directly (it may run while another instruction's operands are being collected).</summary>
    private void EmitConst(VReg r, long imm, int size) =>
        _b.Emit(new MInst(MOp.MovImm, _curIr) { Imm = size == 4 ? (long)(uint)imm : imm, Size = (byte)size }, [Operand.RegDef(r)], InstFlags.Rematerializable);

    // ---- operand collection ----

    private void Begin() => _n = 0;

    private int Op(Operand o)
    {
        if (_n == _ops.Length) Array.Resize(ref _ops, _n * 2);
        _ops[_n] = o;
        return _n++;
    }

    private int Emit(MInst m, InstFlags flags = InstFlags.None, PRegSet clobbers = default) =>
        _b.Emit(m, _ops.AsSpan(0, _n), flags, clobbers);
}
