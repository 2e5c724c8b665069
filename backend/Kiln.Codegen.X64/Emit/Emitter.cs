using Iced.Intel;
using Kiln.IR;
using static Kiln.Codegen.X64.CodeTables;

namespace Kiln.Codegen.X64;

// Kiln.Codegen has its own TrapCode; this backend speaks the IR's.
using TrapCode = Kiln.IR.TrapCode;

/// <summary>
/// Turns allocated VCode into bytes: prologue, each block's instructions preceded by the allocator's edits,
/// out-of-line trap stubs (one ud2 per trap code, at the end), then jump-table data. Jumps to the next block
/// are elided and conditional branches inverted to fall through where possible.
/// </summary>
internal sealed partial class Emitter
{
    private readonly LoweredFunction _lf;
    private readonly VCode<MInst> _code;
    private readonly RegAllocResult _ra;
    private readonly FrameLayout _frame;
    private readonly CompileOptions _options;
    private readonly AsmBuffer _asm = new();
    private readonly int[] _blockLabel;
    private readonly int[] _stubLabel;
    private readonly List<(int Inst, TrapCode Code)> _traps = [];
    private readonly List<(int Inst, int Delta, ExtFunc Callee)> _relocs = [];
    private readonly List<(int Inst, int Ir)> _srcMap = [];
    private int _opOff;
    private int _curBlock;

    private static readonly Register Scratch = Register.R11;
    private static readonly Register XScratch = Register.XMM15;

    public Emitter(LoweredFunction lf, RegAllocResult ra, CompileOptions options)
    {
        _lf = lf;
        _code = lf.Code;
        _ra = ra;
        _options = options;
        _frame = new FrameLayout(ra.CalleeSavedUsed, ra.SpillSlotCounts, lf.OutgoingBytes, lf.StackSlots);
        _blockLabel = new int[_code.BlockCount];
        for (int b = 0; b < _blockLabel.Length; b++) _blockLabel[b] = _asm.NewLabel();
        _stubLabel = new int[256];
        Array.Fill(_stubLabel, -1);
    }

    public CompiledFunction Run(string name)
    {
        EmitPrologue();
        FindTrivialBlocks();
        int lastIr = int.MinValue;
        for (int b = 0; b < _code.BlockCount; b++)
        {
            _curBlock = b;
            _asm.Bind(_blockLabel[b]);
            if (_forward[b] != b) continue; // nothing branches here any more (see FindTrivialBlocks)
            for (int i = _code.BlockFirstInst(b); i < _code.BlockEndInst(b); i++)
            {
                EmitEdits(i);
                var m = _code.Inst(i);
                if (m.IrInst != lastIr && m.IrInst >= 0)
                {
                    _srcMap.Add((_asm.Count, m.IrInst));
                    lastIr = m.IrInst;
                }
                _opOff = _code.OperandOffset(i);
                EmitInst(in m);
            }
        }
        for (int c = 0; c < _stubLabel.Length; c++)
        {
            if (_stubLabel[c] < 0) continue;
            _asm.Bind(_stubLabel[c]);
            _traps.Add((_asm.Add(Code.Ud2), (TrapCode)c));
        }
        // Jump tables: placeholders now, patched with label distances once offsets are known.
        var tableLabels = new int[_lf.JumpTables.Length];
        var tableFirst = new int[_lf.JumpTables.Length];
        int firstData = _asm.Count;
        for (int t = 0; t < tableLabels.Length; t++)
        {
            tableLabels[t] = _tableLabel[t];
            _asm.Bind(tableLabels[t]);
            tableFirst[t] = _asm.Count;
            for (int k = 0; k < _lf.JumpTables[t].Length; k++) _asm.Add(Instruction.CreateDeclareDword(0u));
        }

        var (bytes, offsets) = _asm.Encode();
        int OffsetOf(int inst) => inst < offsets.Length ? (int)offsets[inst] : bytes.Length;
        var tables = new JumpTableInfo[tableLabels.Length];
        for (int t = 0; t < tableLabels.Length; t++)
        {
            int tableOff = OffsetOf(tableFirst[t]);
            var succ = _lf.JumpTables[t];
            // Entries for indices 0..n-1, then the default (succ[0]) as entry n.
            for (int k = 0; k < succ.Length; k++)
            {
                int block = k + 1 < succ.Length ? succ[k + 1] : succ[0];
                int target = OffsetOf(_asm.LabelInst(_blockLabel[_forward[block]]));
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(tableOff + 4 * k), target - tableOff);
            }
            tables[t] = new JumpTableInfo(tableOff, succ.Length);
        }
        var traps = new TrapSite[_traps.Count];
        for (int k = 0; k < traps.Length; k++) traps[k] = new TrapSite(OffsetOf(_traps[k].Inst), _traps[k].Code);
        Array.Sort(traps, (x, y) => x.Offset.CompareTo(y.Offset));
        var relocs = new Relocation[_relocs.Count];
        for (int k = 0; k < relocs.Length; k++)
        {
            var (inst, delta, callee) = _relocs[k];
            relocs[k] = new Relocation(OffsetOf(inst) + delta, RelocKind.PcRel32, callee.Name, callee.IsLibCall, -4);
        }
        var map = new SourceMapEntry[_srcMap.Count];
        for (int k = 0; k < map.Length; k++) map[k] = new SourceMapEntry(OffsetOf(_srcMap[k].Inst), _srcMap[k].Ir);
        return new CompiledFunction
        {
            Name = name,
            Code = bytes,
            InstructionBytes = OffsetOf(firstData),
            TrapSites = traps,
            Relocations = relocs,
            FrameSize = _frame.FrameBytes,
            SourceMap = map,
            JumpTables = tables,
            FeaturesUsed = _lf.FeaturesUsed,
            AllocStats = _ra.Stats,
        };
    }

    private int[] _tableLabel = [];

    // ---- frame ----

    private void EmitPrologue()
    {
        _tableLabel = new int[_lf.JumpTables.Length];
        for (int t = 0; t < _tableLabel.Length; t++) _tableLabel[t] = _asm.NewLabel();
        _asm.Add(Instruction.Create(Code.Push_r64, Register.RBP));
        _asm.Add(Instruction.Create(Code.Mov_r64_rm64, Register.RBP, Register.RSP));
        foreach (var r in _frame.Saved) _asm.Add(Instruction.Create(Code.Push_r64, X64Regs.Gpr(r.HwEnc, 8)));
        if (_frame.AllocatedBytes > 0) AluImm(AluOp.Sub, Register.RSP, _frame.AllocatedBytes, 8);
        if (_options.StackLimitParam >= 0)
        {
            var loc = _lf.Abi.Params[_options.StackLimitParam];
            if (!loc.IsReg || loc.Reg.Class != RegClass.Int) throw new InvalidOperationException("the stack-limit context parameter must be an integer register parameter");
            var mem = new MemoryOperand(X64Regs.Gpr(loc.Reg.HwEnc, 8), _options.StackLimitOffset);
            if (_options.StackLimitIndirectOffset >= 0)
            {
                _asm.Add(Instruction.Create(Code.Mov_r64_rm64, Register.R11, mem));
                mem = new MemoryOperand(Register.R11, _options.StackLimitIndirectOffset);
            }
            _asm.Add(Instruction.Create(Code.Cmp_r64_rm64, Register.RSP, mem));
            _asm.Branch(Code.Jb_rel32_64, Stub(TrapCode.StackOverflow));
        }
    }

    private void EmitEpilogue()
    {
        if (_frame.AllocatedBytes > 0) AluImm(AluOp.Add, Register.RSP, _frame.AllocatedBytes, 8);
        for (int k = _frame.Saved.Length - 1; k >= 0; k--) _asm.Add(Instruction.Create(Code.Pop_r64, X64Regs.Gpr(_frame.Saved[k].HwEnc, 8)));
        _asm.Add(Instruction.Create(Code.Pop_r64, Register.RBP));
        _asm.Add(Code.Retnq);
    }

    private int Stub(TrapCode code)
    {
        ref int l = ref _stubLabel[(int)code];
        if (l < 0) l = _asm.NewLabel();
        return l;
    }

    // ---- edits ----

    private void EmitEdits(int inst)
    {
        int k = _ra.FirstEditAt(inst);
        var edits = _ra.Edits;
        for (; k < edits.Length && edits[k].Inst == inst; k++)
        {
            var e = edits[k];
            bool isFloat = e.Class == RegClass.Float;
            if (e.From.IsReg && e.To.IsReg)
            {
                if (isFloat) _asm.Add(Instruction.Create(Code.Movaps_xmm_xmmm128, X64Regs.XmmReg(e.To.AsReg.HwEnc), X64Regs.XmmReg(e.From.AsReg.HwEnc)));
                else _asm.Add(Instruction.Create(Code.Mov_r64_rm64, X64Regs.Gpr(e.To.AsReg.HwEnc, 8), X64Regs.Gpr(e.From.AsReg.HwEnc, 8)));
            }
            else if (e.From.IsStack)
            {
                var mem = SlotMem(e.From.AsStack);
                if (isFloat) _asm.Add(Instruction.Create(Code.Movups_xmm_xmmm128, X64Regs.XmmReg(e.To.AsReg.HwEnc), mem));
                else _asm.Add(Instruction.Create(Code.Mov_r64_rm64, X64Regs.Gpr(e.To.AsReg.HwEnc, 8), mem));
            }
            else
            {
                var mem = SlotMem(e.To.AsStack);
                if (isFloat) _asm.Add(Instruction.Create(Code.Movups_xmmm128_xmm, mem, X64Regs.XmmReg(e.From.AsReg.HwEnc)));
                else _asm.Add(Instruction.Create(Code.Mov_rm64_r64, mem, X64Regs.Gpr(e.From.AsReg.HwEnc, 8)));
            }
        }
    }

    private MemoryOperand SlotMem(SpillSlot s) => new(Register.RSP, _frame.SlotOffset(s));

    // ---- operand access ----

    private PReg P(int k) => _ra.OperandAllocs[_opOff + k].AsReg;
    private Register G(int k, int size) => X64Regs.Gpr(P(k).HwEnc, size);
    private Register X(int k) => X64Regs.XmmReg(P(k).HwEnc);

    private MemoryOperand Mem(in MInst m)
    {
        var b = G(m.Base, 8);
        var ix = m.Index >= 0 ? G(m.Index, 8) : Register.None;
        int dsz = m.Disp == 0 ? 0 : m.Disp == (sbyte)m.Disp ? 1 : 8; // Iced: 8 = a 32-bit displacement in 64-bit addressing
        return new MemoryOperand(b, ix, m.Scale, m.Disp, dsz);
    }

    private int AddTrapping(in Instruction inst, TrapCode code)
    {
        int i = _asm.Add(inst);
        if (code != TrapCode.None) _traps.Add((i, code));
        return i;
    }

    // ---- small emit helpers ----

    private void AluImm(AluOp op, Register r, long imm, int size)
    {
        bool small = imm == (sbyte)imm;
        var code = size == 8 ? (small ? AluRI8_64 : AluRI32_64)[(int)op] : (small ? AluRI8_32 : AluRI32_32)[(int)op];
        _asm.Add(Instruction.Create(code, r, (int)imm));
    }

    private void MovImm(Register r32or64, long imm, int size)
    {
        if (size == 4 || (ulong)imm <= uint.MaxValue)
            _asm.Add(Instruction.Create(Code.Mov_r32_imm32, ToGpr32(r32or64), (uint)imm));
        else if (imm == (int)imm)
            _asm.Add(Instruction.Create(Code.Mov_rm64_imm32, ToGpr64(r32or64), (int)imm));
        else
            _asm.Add(Instruction.Create(Code.Mov_r64_imm64, ToGpr64(r32or64), (ulong)imm));
    }

    private static Register ToGpr32(Register r) => r.GetSize() == 4 ? r : Register.EAX + (r.GetNumber());
    private static Register ToGpr64(Register r) => r.GetSize() == 8 ? r : Register.RAX + (r.GetNumber());

    /// <summary>Loads IEEE bits into a float register through the integer scratch.</summary>
    private void LoadFloatBits(Register xmm, ulong bits, int size)
    {
        if (bits == 0)
        {
            _asm.Add(Instruction.Create(Code.Xorps_xmm_xmmm128, xmm, xmm));
            return;
        }
        if (size == 4)
        {
            _asm.Add(Instruction.Create(Code.Mov_r32_imm32, Register.R11D, (uint)bits));
            _asm.Add(Instruction.Create(Code.Movd_xmm_rm32, xmm, Register.R11D));
        }
        else
        {
            MovImm(Scratch, (long)bits, 8);
            _asm.Add(Instruction.Create(Code.Movq_xmm_rm64, xmm, Scratch));
        }
    }

    private void Mov(Register dst, Register src, int size)
    {
        if (dst == src) return;
        _asm.Add(Instruction.Create(size == 8 ? Code.Mov_r64_rm64 : Code.Mov_r32_rm32, dst, src));
    }

    private void MovX(Register dst, Register src)
    {
        if (dst != src) _asm.Add(Instruction.Create(Code.Movaps_xmm_xmmm128, dst, src));
    }

    // ---- conditions and branches ----

    private void EmitFlags(in MInst m)
    {
        int a = m.FlagsAt;
        int sz = m.Size2;
        switch (m.Flags)
        {
            case FlagsKind.Test:
                _asm.Add(Instruction.Create(sz == 8 ? Code.Test_rm64_r64 : Code.Test_rm32_r32, G(a, sz), G(a, sz)));
                break;
            case FlagsKind.Cmp:
                _asm.Add(Instruction.Create(sz == 8 ? Code.Cmp_rm64_r64 : Code.Cmp_rm32_r32, G(a, sz), G(a + 1, sz)));
                break;
            case FlagsKind.CmpImm:
                AluImm(AluOp.Cmp, G(a, sz), m.Imm, sz);
                break;
            case FlagsKind.Ucomi:
                _asm.Add(Instruction.Create(sz == 8 ? Code.Ucomisd_xmm_xmmm64 : Code.Ucomiss_xmm_xmmm32, X(a), X(a + 1)));
                break;
            default:
                throw new InvalidOperationException("no flags");
        }
    }

    /// <summary>Jumps to <paramref name="label"/> when <paramref name="cc"/> holds; falls through otherwise.</summary>
    private void JumpIf(Cc cc, int label)
    {
        switch (cc)
        {
            case Cc.FEq:
            {
                int skip = _asm.NewLabel();
                _asm.Branch(Code.Jp_rel32_64, skip);
                _asm.Branch(Code.Je_rel32_64, label);
                _asm.Bind(skip);
                break;
            }
            case Cc.FNe:
                _asm.Branch(Code.Jp_rel32_64, label);
                _asm.Branch(Code.Jne_rel32_64, label);
                break;
            default:
                _asm.Branch(Jcc[(int)cc], label);
                break;
        }
    }

    private int[] _forward = [];

    /// <summary>
    /// A block that is only an unconditional jump with no edge moves (typically a split critical edge) is
    /// skipped: branches go straight to where it leads, so loops close with one conditional branch.
    /// </summary>
    private void FindTrivialBlocks()
    {
        int nb = _code.BlockCount;
        _forward = new int[nb];
        for (int b = 0; b < nb; b++) _forward[b] = b;
        for (int b = 1; b < nb; b++)
        {
            int first = _code.BlockFirstInst(b);
            if (_code.BlockEndInst(b) - first != 1 || _code.Inst(first).Op != MOp.Jump) continue;
            int k = _ra.FirstEditAt(first);
            if (k < _ra.Edits.Length && _ra.Edits[k].Inst == first) continue;
            _forward[b] = _code.Inst(first).Target;
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

    private int Label(int block) => _blockLabel[_forward[block]];

    /// <summary>Whether code for <paramref name="block"/> starts right after the current block's code.</summary>
    private bool IsNext(int block)
    {
        int target = _forward[block];
        for (int b = _curBlock + 1; b < _code.BlockCount; b++)
            if (_forward[b] == b) return b == target;
        return false;
    }

    private void CondBranch(Cc cc, int thenBlock, int elseBlock)
    {
        if (IsNext(elseBlock)) JumpIf(cc, Label(thenBlock));
        else if (IsNext(thenBlock)) JumpIf(cc.Invert(), Label(elseBlock));
        else
        {
            JumpIf(cc, Label(thenBlock));
            _asm.Branch(Code.Jmp_rel32_64, Label(elseBlock));
        }
    }
}
