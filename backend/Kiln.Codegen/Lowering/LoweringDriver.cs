using Kiln.IR;

namespace Kiln.Codegen;

/// <summary>
/// The target-independent part of instruction selection (IR → <see cref="VCode{TInst}"/>): use counts, block order
/// and critical-edge splitting, the value → vreg map (with free copies aliased to their source), operand collection,
/// and the walk over blocks. The ABI side (entry parameters, calls, returns: <c>LoweringDriver.Abi.cs</c>), constants,
/// plain jumps and traps are lowered here too, through the target's instructions for them
/// (<c>LoweringDriver.TargetInsts.cs</c>). A target derives from it and supplies the lowering of every other
/// instruction (<see cref="LowerInst"/>) and its own folding patterns on top of the shared ones
/// (<c>LoweringDriver.Folding.cs</c>).
/// <para>Blocks keep the IR layout order; an edge that is critical (or a second edge of one terminator to the same
/// block: VCode successors are distinct) gets an edge block placed right after its source; an entry block that is
/// also a branch target gets a synthetic entry block in front of it.</para>
/// </summary>
public abstract partial class LoweringDriver<TInst>
{
    private readonly VReg[] _vreg;
    private readonly bool[] _hasVReg;
    private readonly int[] _vblock;
    /// <summary>Per IR terminator, per block call: the edge block, when the edge has one.</summary>
    private readonly Dictionary<(int Inst, int Call), int> _edgeBlock = [];
    private readonly List<(int Block, int Inst, int Call)> _edges = [];
    private readonly List<int[]> _jumpTables = [];
    private int _syntheticEntry = -1;
    private Operand[] _ops = new Operand[16];
    private int _n;

    protected LoweringDriver(Function f, CallingConvention convention, MachineEnv env)
    {
        F = f;
        Dfg = f.Dfg;
        Convention = convention;
        Env = env;
        Abi = convention.Compute(f.Signature);
        _vreg = new VReg[Dfg.ValueCount];
        _hasVReg = new bool[Dfg.ValueCount];
        UseCount = new int[Dfg.ValueCount];
        Folded = new bool[Dfg.InstCount];
        Alias = new int[Dfg.ValueCount];
        Array.Fill(Alias, -1);
        _vblock = new int[Dfg.BlockCount];
    }

    protected Function F { get; }
    protected DataFlowGraph Dfg { get; }
    /// <summary>The target's calling convention (for this function's signature and every call's).</summary>
    protected CallingConvention Convention { get; }
    /// <summary>The target's registers (call clobbers).</summary>
    protected MachineEnv Env { get; }
    /// <summary>Where this function's params and results are.</summary>
    protected AbiSignature Abi { get; }
    /// <summary>The optional CPU features the selected instructions need (recorded in the artifact).</summary>
    protected CpuFeatures FeaturesUsed { get; set; }
    protected VCodeBuilder<TInst> B { get; } = new();
    /// <summary>Uses of each value as an operand or a branch argument.</summary>
    protected int[] UseCount { get; }
    /// <summary>Per IR inst: not lowered where it stands (folded into its user, a constant, or dead).</summary>
    protected bool[] Folded { get; }
    /// <summary>Per value: the value it is a free copy of (same register), or -1.</summary>
    protected int[] Alias { get; }
    /// <summary>The IR instruction being lowered (for the source map), or -1.</summary>
    protected int CurIr { get; private set; } = -1;

    // ---- what the target supplies ----

    /// <summary>Lowers one IR instruction that is not <see cref="Folded"/> and not lowered by the driver itself
    /// (jump, return, call, trap: see <see cref="LowerShared"/>), in the current block.</summary>
    protected abstract void LowerInst(Inst inst);

    /// <summary>The register class of values of <paramref name="t"/>.</summary>
    protected virtual RegClass ClassOf(IrType t) => t.IsFloat() || t == IrType.V128 ? RegClass.Float : RegClass.Int;

    // ---- the walk ----

    /// <summary>Counts uses, lets the target analyse, plans blocks and lowers every block; returns the VCode and
    /// what emission needs besides it.</summary>
    protected LoweredFunction<TInst> Run()
    {
        CountUses();
        Analyze();
        PlanBlocks();
        LowerAll();
        return new LoweredFunction<TInst>
        {
            Code = B.Build(),
            Abi = Abi,
            JumpTables = _jumpTables.ToArray(),
            OutgoingBytes = _outgoing,
            Callees = Dfg.ExtFuncs,
            FeaturesUsed = FeaturesUsed,
            StackSlots = Dfg.StackSlots,
            StackLimit = F.StackLimit,
        };
    }

    private void CountUses()
    {
        foreach (var blk in F.Layout.Blocks)
            foreach (var inst in F.Layout.Insts(blk))
            {
                foreach (var a in Dfg.Args(inst)) UseCount[a.Index]++;
                foreach (var call in Dfg.BlockCalls(inst))
                    foreach (var a in Dfg.BlockCallArgs(call)) UseCount[a.Index]++;
            }
    }

    /// <remarks>Calls of one terminator to the same block with the same args share one edge block, so a
    /// <c>br_table</c> of any length has one VCode successor per distinct target, plus one for its default (issue 17: a
    /// per-entry edge block and a pairwise duplicate test made 100,000 entries take seconds). <c>firstCall</c> and
    /// <c>firstCallStamp</c> find the first call (after call 0) to each block of the current terminator in constant time.</remarks>
    private void PlanBlocks()
    {
        var predEdges = new int[Dfg.BlockCount];
        var callsTo = new int[Dfg.BlockCount];
        foreach (var blk in F.Layout.Blocks)
        {
            var term = F.Terminator(blk);
            if (!term.IsValid) throw new InvalidOperationException($"block{blk.Index} has no terminator");
            foreach (var call in Dfg.BlockCalls(term)) predEdges[call.Block.Index]++;
        }
        var firstCall = new int[Dfg.BlockCount];
        var firstCallStamp = new int[Dfg.BlockCount];
        int stamp = 0;
        int next = 0;
        if (predEdges[F.Entry.Index] > 0) _syntheticEntry = next++;
        foreach (var blk in F.Layout.Blocks)
        {
            _vblock[blk.Index] = next++;
            var calls = Dfg.BlockCalls(F.Terminator(blk));
            if (calls.Length < 2) continue;
            var term = F.Terminator(blk);
            stamp++;
            for (int k = 0; k < calls.Length; k++)
            {
                int t = calls[k].Block.Index;
                if (firstCallStamp[t] != stamp)
                {
                    firstCallStamp[t] = stamp;
                    firstCall[t] = -1;
                    callsTo[t] = 0;
                }
                callsTo[t]++;
                // Call 0 (a br_table's default, a brif's taken edge) never shares: a terminator with several calls
                // keeps at least two successors even when all go to one block, as its target lowering expects.
                if (k > 0 && firstCall[t] < 0) firstCall[t] = k;
            }
            for (int k = 0; k < calls.Length; k++)
            {
                int t = calls[k].Block.Index;
                bool dup = callsTo[t] > 1;
                if (predEdges[t] <= 1 && !dup) continue;
                int first = firstCall[t];
                if (k > 0 && first != k && SameArgs(calls[first], calls[k]))
                {
                    _edgeBlock[(term.Index, k)] = _edgeBlock[(term.Index, first)];
                    continue;
                }
                _edgeBlock[(term.Index, k)] = next++;
                _edges.Add((blk.Index, term.Index, k));
            }
        }
        for (int i = 0; i < next; i++) B.CreateBlock();
    }

    private bool SameArgs(BlockCall a, BlockCall b)
    {
        var x = Dfg.BlockCallArgs(a);
        var y = Dfg.BlockCallArgs(b);
        if (x.Length != y.Length) return false;
        for (int i = 0; i < x.Length; i++)
            if (Dfg.Resolve(x[i]) != Dfg.Resolve(y[i])) return false;
        return true;
    }

    /// <summary>Declares the successors of multi-way terminator <paramref name="term"/> (each distinct VCode block once,
    /// with the args its edge passes) and returns the VCode block of each block call, in call order: a jump table's
    /// entries.</summary>
    protected int[] AddSuccessors(Inst term)
    {
        var calls = Dfg.BlockCalls(term);
        var succs = new int[calls.Length];
        var added = new HashSet<int>();
        for (int k = 0; k < calls.Length; k++)
        {
            succs[k] = Successor(term, k);
            if (added.Add(succs[k])) B.AddSuccessor(succs[k], EdgeArgs(term, k));
        }
        return succs;
    }

    private void LowerAll()
    {
        if (_syntheticEntry >= 0)
        {
            B.SwitchToBlock(_syntheticEntry);
            var ps = Dfg.BlockParams(F.Entry);
            var args = new VReg[ps.Length];
            for (int i = 0; i < ps.Length; i++) args[i] = B.NewVReg(ClassOf(Dfg.ValueType(ps[i])));
            LowerArgs(args);
            B.AddSuccessor(_vblock[F.Entry.Index], args);
            Begin();
            LowerJump(_vblock[F.Entry.Index]);
        }
        int edgeCursor = 0;
        int untilCheckpoint = 1024;
        foreach (var blk in F.Layout.Blocks)
        {
            if (--untilCheckpoint == 0)
            {
                untilCheckpoint = 1024;
                CompileCheckpoint.Reach();
            }
            int vb = _vblock[blk.Index];
            B.SwitchToBlock(vb);
            var ps = Dfg.BlockParams(blk);
            if (blk == F.Entry && _syntheticEntry < 0)
            {
                var args = new VReg[ps.Length];
                for (int i = 0; i < ps.Length; i++) args[i] = Get(ps[i]);
                LowerArgs(args);
            }
            else
            {
                foreach (var p in ps) B.AddBlockParam(vb, Get(p));
            }
            foreach (var inst in F.Layout.Insts(blk))
            {
                CurIr = inst.Index;
                if (!Folded[inst.Index] && !LowerShared(inst)) LowerInst(inst);
            }
            CurIr = -1;
            // Edge blocks of this block's terminator follow it.
            while (edgeCursor < _edges.Count && _edges[edgeCursor].Block == blk.Index)
            {
                var (_, termIdx, call) = _edges[edgeCursor++];
                var bc = Dfg.BlockCalls(new Inst(termIdx))[call];
                B.SwitchToBlock(_edgeBlock[(termIdx, call)]);
                CurIr = termIdx;
                var argVregs = BranchArgs(Dfg.BlockCallArgs(bc));
                B.AddSuccessor(_vblock[bc.Block.Index], argVregs);
                Begin();
                LowerJump(_vblock[bc.Block.Index]);
                CurIr = -1;
            }
        }
    }

    // ---- blocks and edges ----

    /// <summary>The VCode block of IR block <paramref name="b"/>.</summary>
    protected int VBlock(Block b) => _vblock[b.Index];

    /// <summary>Where block call <paramref name="call"/> of terminator <paramref name="term"/> goes in VCode: its edge
    /// block, or the target block itself.</summary>
    protected int Successor(Inst term, int call) =>
        _edgeBlock.TryGetValue((term.Index, call), out int e) ? e : _vblock[Dfg.BlockCalls(term)[call].Block.Index];

    /// <summary>The branch args the terminator itself passes on edge <paramref name="call"/>: none when the edge has
    /// its own block (which passes them), else the block call's args, used here.</summary>
    protected VReg[] EdgeArgs(Inst term, int call) =>
        _edgeBlock.ContainsKey((term.Index, call)) ? [] : BranchArgs(Dfg.BlockCallArgs(Dfg.BlockCalls(term)[call]));

    /// <summary>Records a jump table (its successor blocks, default first); returns its number.</summary>
    private int AddJumpTable(int[] successors)
    {
        _jumpTables.Add(successors);
        return _jumpTables.Count - 1;
    }

    protected VReg[] BranchArgs(ReadOnlySpan<Value> vals)
    {
        var r = new VReg[vals.Length];
        for (int i = 0; i < vals.Length; i++) r[i] = Use(vals[i]);
        return r;
    }

    // ---- values ----

    /// <summary>Byte size of a type's values (iptr is 8: both targets are 64-bit).</summary>
    protected static int SizeOf(IrType t) => t switch
    {
        IrType.I32 or IrType.F32 => 4,
        IrType.V128 => 16,
        _ => 8,
    };

    /// <summary>The vreg holding value <paramref name="v"/> (created on first request; aliases share their source's).</summary>
    protected VReg Get(Value v)
    {
        int i = Root(v).Index;
        if (!_hasVReg[i])
        {
            _vreg[i] = B.NewVReg(ClassOf(Dfg.ValueType(v)));
            _hasVReg[i] = true;
        }
        return _vreg[i];
    }

    /// <summary>The value <paramref name="v"/> is a free copy of, following aliases.</summary>
    protected Value Root(Value v)
    {
        while (Alias[v.Index] >= 0) v = new Value(Alias[v.Index]);
        return v;
    }

    /// <summary>The instruction defining <paramref name="v"/>, or none for a block parameter.</summary>
    protected Inst DefInst(Value v)
    {
        ref readonly var vd = ref Dfg.ValueInfo(v);
        return vd.Kind == ValueKind.Result ? new Inst(vd.Def) : Inst.None;
    }

    /// <summary>Whether <paramref name="v"/> is an integer constant (through aliases), and its value at v's width.</summary>
    protected bool IsConst(Value v, out long imm)
    {
        var d = DefInst(Root(v));
        if (d.IsValid && Dfg[d].Opcode == Opcode.Iconst)
        {
            imm = Dfg[d].Imm;
            // A wide value whose root is a 32-bit constant got there through a free uextend (the only widening
            // alias): its value is the zero-extension. Sign-extending it folded (uextend -1) + 4 into disp 3,
            // reading inside the memory where wasm must trap.
            if (SizeOf(Dfg.ValueType(v)) == 8 && SizeOf(Dfg[d].Type) == 4) imm = (uint)imm;
            return true;
        }
        imm = 0;
        return false;
    }

    // ---- operand collection ----

    /// <summary>Starts collecting the operands of the next instruction.</summary>
    protected void Begin() => _n = 0;

    /// <summary>Operands collected so far (the index the next <see cref="Op"/> gets).</summary>
    protected int OperandCount => _n;

    /// <summary>Adds an operand; returns its index in the instruction's operand list.</summary>
    protected int Op(Operand o)
    {
        if (_n == _ops.Length) Array.Resize(ref _ops, _n * 2);
        _ops[_n] = o;
        return _n++;
    }

    /// <summary>Emits <paramref name="inst"/> with the operands collected since <see cref="Begin"/>.</summary>
    protected int Emit(TInst inst, InstFlags flags = InstFlags.None, PRegSet clobbers = default) =>
        B.Emit(inst, _ops.AsSpan(0, _n), flags, clobbers);
}
