using Iced.Intel;

namespace Kiln.Codegen.X64;

/// <summary>
/// x86-64's <see cref="MachBuffer"/>: Iced instructions with labels, encoded at the end by Iced's
/// <see cref="BlockEncoder"/> (which picks short or near branch forms), so a mark is an instruction index. Each
/// instruction gets a unique made-up IP; branch targets and RIP-relative memory operands are fixed up to the IP of
/// the instruction their label is bound to, and the encoder maps those to final offsets. The encoder returns every
/// instruction's offset, which is how trap sites, relocations, the source map and jump tables get exact offsets.
/// </summary>
internal sealed class AsmBuffer : MachBuffer
{
    private const ulong IpStep = 16;
    private readonly List<Instruction> _insts = new(256);
    private readonly List<int> _labelInst = new(64);
    private readonly List<(int Inst, Label Label, bool Memory)> _fixups = new(64);
    private uint[] _offsets = [];
    private int _size;

    public override int Mark => _insts.Count;

    public override Label NewLabel()
    {
        _labelInst.Add(-1);
        return new Label(_labelInst.Count - 1);
    }

    /// <summary>Binds the label to the next instruction added.</summary>
    public override void Bind(Label label)
    {
        if (_labelInst[label.Id] >= 0) throw new InvalidOperationException($"label {label.Id} bound twice");
        _labelInst[label.Id] = _insts.Count;
    }

    public override bool IsBound(Label label) => _labelInst[label.Id] >= 0;

    public int Add(in Instruction inst)
    {
        var i = inst;
        i.IP = (ulong)(_insts.Count + 1) * IpStep;
        _insts.Add(i);
        return _insts.Count - 1;
    }

    public int Add(Code code) => Add(Instruction.Create(code));

    public override void EmitData32(uint value) => Add(Instruction.CreateDeclareDword(value));

    /// <summary>A branch (jmp/jcc/call rel) to a label.</summary>
    public int Branch(Code code, Label label)
    {
        int i = Add(Instruction.CreateBranch(code, 0));
        _fixups.Add((i, label, false));
        return i;
    }

    /// <summary>An instruction whose RIP-relative memory operand refers to a label (create it with displacement 0).</summary>
    public int AddRipRelative(in Instruction inst, Label label)
    {
        int i = Add(inst);
        _fixups.Add((i, label, true));
        return i;
    }

    protected override byte[] Assemble()
    {
        // A label bound after the last instruction needs something to point at.
        foreach (int li in _labelInst)
            if (li == _insts.Count) { Add(Code.Int3); break; }
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_insts);
        foreach (var (inst, label, memory) in _fixups)
        {
            int target = _labelInst[label.Id];
            if (target < 0 || target >= _insts.Count) throw new InvalidOperationException($"label {label.Id} is not bound to an instruction");
            ulong ip = (ulong)(target + 1) * IpStep;
            if (memory) span[inst].MemoryDisplacement64 = ip;
            else span[inst].NearBranch64 = ip;
        }
        var writer = new ByteWriter();
        if (!BlockEncoder.TryEncode(64, new InstructionBlock(writer, _insts, 0), out string? error, out var result,
                BlockEncoderOptions.ReturnNewInstructionOffsets))
            throw new InvalidOperationException("x64 encoding failed: " + error);
        var bytes = writer.ToArray();
        _offsets = result.NewInstructionOffsets;
        _size = bytes.Length;
        return bytes;
    }

    public override int OffsetOf(int mark) => mark < _offsets.Length ? (int)_offsets[mark] : _size;

    public override int LabelOffset(Label label) => OffsetOf(_labelInst[label.Id]);

    private sealed class ByteWriter : CodeWriter
    {
        private byte[] _buf = new byte[1024];
        private int _n;

        public override void WriteByte(byte value)
        {
            if (_n == _buf.Length) Array.Resize(ref _buf, _n * 2);
            _buf[_n++] = value;
        }

        public byte[] ToArray() => _buf.AsSpan(0, _n).ToArray();
    }
}
