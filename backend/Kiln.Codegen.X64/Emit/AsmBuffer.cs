using Iced.Intel;

namespace Kiln.Codegen.X64;

/// <summary>
/// Iced instructions with labels, encoded at the end by Iced's <see cref="BlockEncoder"/> (which picks short or
/// near branch forms). Each instruction gets a unique made-up IP; branch targets and RIP-relative memory
/// operands are fixed up to the IP of the instruction their label is bound to, and the encoder maps those to
/// final offsets. The encoder returns every instruction's offset, which is how trap sites, relocations, the
/// source map and jump tables get exact code offsets.
/// </summary>
internal sealed class AsmBuffer
{
    private const ulong IpStep = 16;
    private readonly List<Instruction> _insts = new(256);
    private readonly List<int> _labelInst = new(64);
    private readonly List<(int Inst, int Label, bool Memory)> _fixups = new(64);

    public int Count => _insts.Count;

    public int NewLabel()
    {
        _labelInst.Add(-1);
        return _labelInst.Count - 1;
    }

    /// <summary>Binds the label to the next instruction added.</summary>
    public void Bind(int label)
    {
        if (_labelInst[label] >= 0) throw new InvalidOperationException($"label {label} bound twice");
        _labelInst[label] = _insts.Count;
    }

    public bool IsBound(int label) => _labelInst[label] >= 0;

    /// <summary>Index of the instruction the label is bound to.</summary>
    public int LabelInst(int label) => _labelInst[label];

    public int Add(in Instruction inst)
    {
        var i = inst;
        i.IP = (ulong)(_insts.Count + 1) * IpStep;
        _insts.Add(i);
        return _insts.Count - 1;
    }

    public int Add(Code code) => Add(Instruction.Create(code));

    /// <summary>A branch (jmp/jcc/call rel) to a label.</summary>
    public int Branch(Code code, int label)
    {
        int i = Add(Instruction.CreateBranch(code, 0));
        _fixups.Add((i, label, false));
        return i;
    }

    /// <summary>An instruction whose RIP-relative memory operand refers to a label (create it with displacement 0).</summary>
    public int AddRipRelative(in Instruction inst, int label)
    {
        int i = Add(inst);
        _fixups.Add((i, label, true));
        return i;
    }

    public (byte[] Code, uint[] Offsets) Encode()
    {
        // A label bound after the last instruction needs something to point at.
        foreach (int li in _labelInst)
            if (li == _insts.Count) { Add(Code.Int3); break; }
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_insts);
        foreach (var (inst, label, memory) in _fixups)
        {
            int target = _labelInst[label];
            if (target < 0 || target >= _insts.Count) throw new InvalidOperationException($"label {label} is not bound to an instruction");
            ulong ip = (ulong)(target + 1) * IpStep;
            if (memory) span[inst].MemoryDisplacement64 = ip;
            else span[inst].NearBranch64 = ip;
        }
        var writer = new ByteWriter();
        if (!BlockEncoder.TryEncode(64, new InstructionBlock(writer, _insts, 0), out string? error, out var result,
                BlockEncoderOptions.ReturnNewInstructionOffsets))
            throw new InvalidOperationException("x64 encoding failed: " + error);
        return (writer.ToArray(), result.NewInstructionOffsets);
    }

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
