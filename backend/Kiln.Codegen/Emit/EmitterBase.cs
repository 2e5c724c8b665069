using System.Buffers.Binary;
using Kiln.IR;

namespace Kiln.Codegen;

/// <summary>
/// The emission skeleton every target shares: prologue, each block's instructions preceded by the allocator's
/// edits, out-of-line trap stubs (one per trap code, at the end, in code order), jump-table data, and the branch
/// work: a block that is only a jump is threaded through (<see cref="BlockLabel"/>), a jump to the next block is
/// elided and a two-way branch falls through where it can (<see cref="PlanCondBranch"/>). The target supplies
/// the encoding of each instruction, of moves/spills/reloads, of jumps and trap instructions, and the frame code.
/// </summary>
public abstract class EmitterBase<TInst>
{
    private readonly Label[] _blockLabel;
    private readonly Label[] _tableLabel;
    private readonly Label?[] _stubLabel = new Label?[256];
    private int[] _forward = [];
    private readonly List<(int ReturnMark, Label Landing)> _landings = [];
    private int _lastCallReturn = -1;
    private int _curBlock;
    private int _opOff;

    /// <param name="env">The target's registers (the frame's callee-save area).</param>
    /// <param name="shape">The target's parameters of the shared frame.</param>
    protected EmitterBase(LoweredFunction<TInst> lowered, RegAllocResult alloc, MachineEnv env, FrameShape shape, MachBuffer buffer)
    {
        var code = lowered.Code;
        Lowered = lowered;
        Body = code;
        Alloc = alloc;
        Frame = new FrameLayout(env, alloc.CalleeSavedUsed, alloc.SpillSlotCounts, lowered.OutgoingBytes, lowered.StackSlots,
            shape.ReturnAddressSize, shape.SetupAreaSize, shape.FloatSaveSize);
        Buffer = buffer;
        var jumpTables = lowered.JumpTables;
        JumpTables = jumpTables;
        _tableLabel = new Label[jumpTables.Length];
        for (int t = 0; t < _tableLabel.Length; t++) _tableLabel[t] = buffer.NewLabel();
        _blockLabel = new Label[code.BlockCount];
        for (int b = 0; b < _blockLabel.Length; b++) _blockLabel[b] = buffer.NewLabel();
    }

    /// <summary>What instruction selection produced: ABI, callees, stack limit, …</summary>
    protected LoweredFunction<TInst> Lowered { get; }
    /// <summary>The function's VCode, in block layout order.</summary>
    protected VCode<TInst> Body { get; }
    protected RegAllocResult Alloc { get; }
    protected FrameLayout Frame { get; }
    protected MachBuffer Buffer { get; }
    /// <summary>Per jump table: the successor blocks, default first.</summary>
    protected int[][] JumpTables { get; }

    // ---- what the target supplies ----

    protected abstract void EmitPrologue();

    /// <summary>Emits one instruction; its operands' registers are <see cref="Reg"/>(k).</summary>
    protected abstract void EmitInst(in TInst inst);

    /// <summary>The IR instruction <paramref name="inst"/> came from (source map), or -1.</summary>
    protected abstract int SourceInst(in TInst inst);

    /// <summary>Whether <paramref name="inst"/> is an unconditional jump to block <paramref name="target"/>.</summary>
    protected abstract bool IsJump(in TInst inst, out int target);

    protected abstract void EmitJump(Label label);

    /// <summary>The out-of-line instruction that traps with <paramref name="code"/> (record it with <see cref="MachBuffer.AddTrap"/>).</summary>
    protected abstract void EmitTrapInstruction(TrapCode code);

    protected abstract void EmitRegMove(RegClass cls, PReg to, PReg from);

    protected abstract void EmitReload(RegClass cls, PReg to, int spOffset);

    protected abstract void EmitSpill(RegClass cls, int spOffset, PReg from);

    /// <summary>Traps to <paramref name="overflow"/> when the stack pointer is below the limit found by following
    /// <paramref name="loads"/> (8-byte loads at these offsets) from the integer register <paramref name="start"/>
    /// (none: the register holds the limit itself). Called from the prologue through <see cref="EmitStackLimitCheck"/>.</summary>
    protected abstract void EmitStackCheck(PReg start, ReadOnlySpan<long> loads, Label overflow);

    // ---- the skeleton ----

    public CompiledFunction Run(string name)
    {
        EmitPrologue();
        FindTrivialBlocks();
        int lastIr = int.MinValue;
        for (int b = 0; b < Body.BlockCount; b++)
        {
            _curBlock = b;
            Buffer.Bind(_blockLabel[b]);
            if (_forward[b] != b) continue; // nothing branches here any more (see FindTrivialBlocks)
            for (int i = Body.BlockFirstInst(b); i < Body.BlockEndInst(b); i++)
            {
                EmitEdits(i);
                var m = Body.Inst(i);
                int ir = SourceInst(m);
                if (ir != lastIr && ir >= 0)
                {
                    Buffer.AddSourceLoc(ir);
                    lastIr = ir;
                }
                _opOff = Body.OperandOffset(i);
                EmitInst(in m);
            }
        }
        for (int c = 0; c < _stubLabel.Length; c++)
        {
            if (_stubLabel[c] is not { } stub) continue;
            Buffer.Bind(stub);
            TrapCode.TryFromRaw((uint)c, out var code);
            EmitTrapInstruction(code);
        }
        // Jump tables: placeholders now, patched with label distances once offsets are known.
        var tableFirst = new int[JumpTables.Length];
        int firstData = Buffer.Mark;
        for (int t = 0; t < JumpTables.Length; t++)
        {
            Buffer.Bind(_tableLabel[t]);
            tableFirst[t] = Buffer.Mark;
            for (int k = 0; k < JumpTables[t].Length; k++) Buffer.EmitData32(0);
        }

        var mc = Buffer.Finish();
        var bytes = mc.Code;
        var tables = new JumpTableInfo[JumpTables.Length];
        for (int t = 0; t < tables.Length; t++)
        {
            int tableOff = Buffer.OffsetOf(tableFirst[t]);
            var succ = JumpTables[t];
            // Entries for indices 0..n-1, then the default (succ[0]) as entry n.
            for (int k = 0; k < succ.Length; k++)
            {
                int block = k + 1 < succ.Length ? succ[k + 1] : succ[0];
                int target = Buffer.LabelOffset(_blockLabel[_forward[block]]);
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(tableOff + 4 * k), target - tableOff);
            }
            tables[t] = new JumpTableInfo(tableOff, succ.Length);
        }
        return new CompiledFunction
        {
            Name = name,
            Code = bytes,
            InstructionBytes = Buffer.OffsetOf(firstData),
            TrapSites = mc.Traps,
            Relocations = mc.Relocations,
            FrameSize = Frame.FrameBytes,
            SourceMap = mc.SourceMap,
            JumpTables = tables,
            FeaturesUsed = Lowered.FeaturesUsed,
            AllocStats = Alloc.Stats,
            LandingSites = LandingSitesAfterFinish(),
        };
    }

    private void EmitEdits(int inst)
    {
        var edits = Alloc.Edits;
        for (int k = Alloc.FirstEditAt(inst); k < edits.Length && edits[k].Inst == inst; k++)
        {
            var e = edits[k];
            if (e.From.IsReg && e.To.IsReg) EmitRegMove(e.Class, e.To.AsReg, e.From.AsReg);
            else if (e.From.IsStack) EmitReload(e.Class, e.To.AsReg, Frame.SlotOffset(e.From.AsStack));
            else EmitSpill(e.Class, Frame.SlotOffset(e.To.AsStack), e.From.AsReg);
        }
    }

    private LandingSite[] LandingSitesAfterFinish()
    {
        if (_landings.Count == 0) return [];
        var sites = new LandingSite[_landings.Count];
        for (int k = 0; k < sites.Length; k++)
            sites[k] = new LandingSite(Buffer.OffsetOf(_landings[k].ReturnMark), Buffer.LabelOffset(_landings[k].Landing));
        Array.Sort(sites, static (a, b) => a.ReturnOffset.CompareTo(b.ReturnOffset));
        return sites;
    }

    // ---- helpers for the target ----

    /// <summary>The stack-limit check the IR asks for (<see cref="Function.StackLimit"/>), if any: the prologue calls
    /// this where its frame allows (the check itself is <see cref="EmitStackCheck"/>).</summary>
    protected void EmitStackLimitCheck()
    {
        if (Lowered.StackLimit is not { } limit) return;
        var loc = Lowered.Abi.Params[limit.Param];
        if (!loc.IsReg || loc.Reg.Class != RegClass.Int) throw new InvalidOperationException("the stack limit must start from an integer register parameter");
        EmitStackCheck(loc.Reg, limit.Loads, TrapStub(TrapCode.StackOverflow));
    }

    /// <summary>Call right after emitting a call instruction: its return address is the current mark.</summary>
    protected void MarkCallReturn() => _lastCallReturn = Buffer.Mark;

    /// <summary>The unwinding edge of the last call: if it unwinds, it resumes at <paramref name="landingBlock"/>.</summary>
    protected void AddLandingSite(int landingBlock)
    {
        if (_lastCallReturn < 0) throw new InvalidOperationException("an unwinding edge without a call before it");
        _landings.Add((_lastCallReturn, BlockLabel(landingBlock)));
        _lastCallReturn = -1;
    }

    /// <summary>The register allocated to operand <paramref name="k"/> of the instruction being emitted.</summary>
    protected PReg Reg(int k) => Alloc.OperandAllocs[_opOff + k].AsReg;

    /// <summary>The label of the out-of-line trap for <paramref name="code"/> (one per code and function).</summary>
    protected Label TrapStub(TrapCode code)
    {
        ref var l = ref _stubLabel[code.Raw];
        l ??= Buffer.NewLabel();
        return l.Value;
    }

    protected Label JumpTableLabel(int table) => _tableLabel[table];

    /// <summary>Where a branch to <paramref name="block"/> goes (through blocks that only jump on).</summary>
    protected Label BlockLabel(int block) => _blockLabel[_forward[block]];

    /// <summary>Whether code for <paramref name="block"/> starts right after the current block's code.</summary>
    protected bool IsNext(int block)
    {
        int target = _forward[block];
        for (int b = _curBlock + 1; b < Body.BlockCount; b++)
            if (_forward[b] == b) return b == target;
        return false;
    }

    /// <summary>An unconditional jump to <paramref name="block"/>, elided when it is next.</summary>
    protected void JumpToBlock(int block)
    {
        if (!IsNext(block)) EmitJump(BlockLabel(block));
    }

    /// <summary>Falls through to whichever successor is next; otherwise a conditional jump and a jump.</summary>
    protected BranchPlan PlanCondBranch(int thenBlock, int elseBlock)
    {
        if (IsNext(elseBlock)) return new BranchPlan(false, BlockLabel(thenBlock), false, default);
        if (IsNext(thenBlock)) return new BranchPlan(true, BlockLabel(elseBlock), false, default);
        return new BranchPlan(false, BlockLabel(thenBlock), true, BlockLabel(elseBlock));
    }

    /// <summary>
    /// A block that is only an unconditional jump with no edge moves (typically a split critical edge) is
    /// skipped: branches go straight to where it leads, so loops close with one conditional branch.
    /// </summary>
    private void FindTrivialBlocks()
    {
        int nb = Body.BlockCount;
        _forward = new int[nb];
        for (int b = 0; b < nb; b++) _forward[b] = b;
        for (int b = 1; b < nb; b++)
        {
            int first = Body.BlockFirstInst(b);
            if (Body.BlockEndInst(b) - first != 1 || !IsJump(Body.Inst(first), out int target)) continue;
            int k = Alloc.FirstEditAt(first);
            if (k < Alloc.Edits.Length && Alloc.Edits[k].Inst == first) continue;
            _forward[b] = target;
        }
        for (int b = 0; b < nb; b++)
        {
            int t = b;
            for (int hops = 0; hops < nb && _forward[t] != t; hops++) t = _forward[t];
            if (_forward[t] != t) t = b; // a cycle of empty jumps: keep it as real code
            _forward[b] = t;
        }
        for (int b = 0; b < nb; b++)
            if (_forward[b] != b && _forward[_forward[b]] != _forward[b]) _forward[b] = b;
    }
}
