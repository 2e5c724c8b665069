namespace Kiln.Codegen;

/// <summary>
/// Builds <see cref="VCode{TInst}"/>. Create all blocks first (their indices are the layout order), then
/// fill them in increasing order with <see cref="SwitchToBlock"/>; a block's successors (with their block
/// args) are declared with <see cref="AddSuccessor"/> before or after its terminator is emitted.
/// </summary>
public sealed class VCodeBuilder<TInst>
{
    private readonly List<TInst> _insts = [];
    private readonly List<Operand> _operands = [];
    private readonly List<int> _operandStart = [0];
    private readonly List<InstFlags> _flags = [];
    private readonly List<int> _clobberIndex = [];
    private readonly List<PRegSet> _clobberSets = [PRegSet.Empty];
    private readonly List<RegClass> _vregClasses = [];
    private readonly List<List<VReg>> _blockParams = [];
    private readonly List<List<(int Block, VReg[] Args)>> _blockSuccs = [];
    private readonly List<int> _blockStart = [];
    private int[]? _loopDepths;
    private int _current = -1;

    public int InstCount => _insts.Count;
    public int CurrentBlock => _current;

    public VReg NewVReg(RegClass cls)
    {
        _vregClasses.Add(cls);
        return new VReg(_vregClasses.Count - 1, cls);
    }

    public int CreateBlock()
    {
        _blockParams.Add([]);
        _blockSuccs.Add([]);
        _blockStart.Add(-1);
        return _blockParams.Count - 1;
    }

    public void AddBlockParam(int block, VReg param) => _blockParams[block].Add(param);

    public void SwitchToBlock(int block)
    {
        if (block != _current + 1) throw new InvalidOperationException($"blocks must be filled in layout order: expected {_current + 1}, got {block}");
        _current = block;
        _blockStart[block] = _insts.Count;
    }

    public void AddSuccessor(int target, params ReadOnlySpan<VReg> args) => _blockSuccs[_current].Add((target, args.ToArray()));

    public int Emit(TInst inst, ReadOnlySpan<Operand> operands, InstFlags flags = InstFlags.None, PRegSet clobbers = default)
    {
        if (_current < 0) throw new InvalidOperationException("no current block");
        _insts.Add(inst);
        foreach (var op in operands) _operands.Add(op);
        _operandStart.Add(_operands.Count);
        _flags.Add(flags);
        if (clobbers.IsEmpty) _clobberIndex.Add(0);
        else { _clobberSets.Add(clobbers); _clobberIndex.Add(_clobberSets.Count - 1); }
        return _insts.Count - 1;
    }

    /// <summary>Overrides the computed loop depths (for spill weights) with the front end's own.</summary>
    public void SetLoopDepths(int[] depths) => _loopDepths = depths;

    public VCode<TInst> Build()
    {
        int nb = _blockParams.Count;
        if (nb == 0) throw new InvalidOperationException("no blocks");
        if (_current != nb - 1) throw new InvalidOperationException("not every block was filled");
        var code = new VCode<TInst>
        {
            InstsArr = _insts.ToArray(),
            OperandsArr = _operands.ToArray(),
            OperandStart = _operandStart.ToArray(),
            Flags = _flags.ToArray(),
            ClobberIndex = _clobberIndex.ToArray(),
            ClobberSets = _clobberSets.ToArray(),
            VRegClasses = _vregClasses.ToArray(),
        };
        var blockStart = new int[nb + 1];
        var succStart = new int[nb + 1];
        var paramStart = new int[nb + 1];
        var succs = new List<int>();
        var succArgStart = new List<int> { 0 };
        var succArgs = new List<VReg>();
        var parms = new List<VReg>();
        for (int b = 0; b < nb; b++)
        {
            blockStart[b] = _blockStart[b];
            succStart[b] = succs.Count;
            paramStart[b] = parms.Count;
            parms.AddRange(_blockParams[b]);
            foreach (var (target, args) in _blockSuccs[b])
            {
                succs.Add(target);
                succArgs.AddRange(args);
                succArgStart.Add(succArgs.Count);
            }
        }
        blockStart[nb] = _insts.Count;
        succStart[nb] = succs.Count;
        paramStart[nb] = parms.Count;
        code.BlockInstStart = blockStart;
        code.SuccStart = succStart;
        code.Succs = succs.ToArray();
        code.SuccArgStart = succArgStart.ToArray();
        code.SuccArgs = succArgs.ToArray();
        code.ParamStart = paramStart;
        code.Params = parms.ToArray();

        // Predecessors by counting sort.
        var predCount = new int[nb + 1];
        foreach (int s in code.Succs)
        {
            if ((uint)s >= (uint)nb) throw new InvalidOperationException($"successor block {s} does not exist");
            predCount[s + 1]++;
        }
        for (int b = 0; b < nb; b++) predCount[b + 1] += predCount[b];
        var preds = new int[code.Succs.Length];
        var fill = (int[])predCount.Clone();
        for (int b = 0; b < nb; b++)
            foreach (int s in code.Successors(b)) preds[fill[s]++] = b;
        code.PredStart = predCount;
        code.Preds = preds;

        var instBlock = new int[_insts.Count];
        for (int b = 0; b < nb; b++)
            for (int i = blockStart[b]; i < blockStart[b + 1]; i++) instBlock[i] = b;
        code.InstBlockArr = instBlock;

        VCodeValidator.Validate(code);
        code.LoopDepths = _loopDepths ?? CfgAnalysis.ComputeLoopDepths(code);
        return code;
    }
}
