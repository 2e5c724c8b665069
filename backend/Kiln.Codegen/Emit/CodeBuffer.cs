using System.Buffers.Binary;

namespace Kiln.Codegen;

/// <summary>
/// A <see cref="MachBuffer"/> of bytes for targets that encode instructions themselves (fixed-size AArch64 words):
/// marks are byte offsets. An emitter writes an instruction with a zero placeholder in its displacement field and
/// records <see cref="UseLabel"/> at the field (x86-64) or instruction (AArch64) offset; fix-ups to bound labels and
/// to labels bound later are all patched by <see cref="MachBuffer.Finish"/>. No veneers/islands: an out-of-range
/// use is an error (x86-64 rel32 never is; AArch64 imm19 limits functions to ±1 MiB branches for now).
/// </summary>
public sealed class CodeBuffer : MachBuffer
{
    private byte[] _buf;
    private int _len;
    private readonly List<int> _labelOffsets = [];
    private readonly List<(int Offset, Label Label, LabelUseKind Kind, int Addend)> _fixups = [];

    public CodeBuffer(int capacity = 256) => _buf = new byte[Math.Max(capacity, 16)];

    public int Offset => _len;
    public override int Mark => _len;
    public ReadOnlySpan<byte> Bytes => _buf.AsSpan(0, _len);

    private Span<byte> Reserve(int n)
    {
        if (_len + n > _buf.Length) Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + n));
        var s = _buf.AsSpan(_len, n);
        _len += n;
        return s;
    }

    public void Put1(byte b) => Reserve(1)[0] = b;
    public void Put2(ushort v) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), v);
    public void Put4(uint v) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), v);
    public void Put8(ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), v);
    public void PutBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));
    public override void EmitData32(uint value) => Put4(value);

    /// <summary>Pads with <paramref name="fill"/> up to a multiple of <paramref name="alignment"/> (a power of two).</summary>
    public void AlignTo(int alignment, byte fill)
    {
        while ((_len & (alignment - 1)) != 0) Put1(fill);
    }

    public void Patch4(int offset, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(_buf.AsSpan(offset, 4), v);

    public override Label NewLabel()
    {
        _labelOffsets.Add(-1);
        return new Label(_labelOffsets.Count - 1);
    }

    public override void Bind(Label label)
    {
        if (_labelOffsets[label.Id] >= 0) throw new InvalidOperationException($"label {label.Id} bound twice");
        _labelOffsets[label.Id] = _len;
    }

    public override bool IsBound(Label label) => _labelOffsets[label.Id] >= 0;
    public override int LabelOffset(Label label) => _labelOffsets[label.Id];
    public override int OffsetOf(int mark) => mark;

    /// <summary>
    /// Records that the field at <paramref name="offset"/> refers to <paramref name="label"/>. The addend is
    /// added to the PC-relative distance (x86-64 RIP-relative operands followed by an immediate need -imm size).
    /// </summary>
    public void UseLabel(int offset, Label label, LabelUseKind kind, int addend = 0) => _fixups.Add((offset, label, kind, addend));

    /// <summary>Patches every label use.</summary>
    protected override byte[] Assemble()
    {
        foreach (var (offset, label, kind, addend) in _fixups)
        {
            int target = _labelOffsets[label.Id];
            if (target < 0) throw new InvalidOperationException($"label {label.Id} used at {offset} but never bound");
            PatchLabelUse(_buf.AsSpan(offset), kind, (long)target - offset + addend);
        }
        _fixups.Clear();
        return _buf.AsSpan(0, _len).ToArray();
    }

    /// <summary>Writes a PC-relative distance (target - use offset) into a label use of the given kind.</summary>
    public static void PatchLabelUse(Span<byte> at, LabelUseKind kind, long distance)
    {
        var info = LabelUseInfo.Of(kind);
        long rel = distance - info.PcBias;
        long mask = (1L << info.Shift) - 1;
        if ((rel & mask) != 0) throw new InvalidOperationException($"{kind}: misaligned distance {rel}");
        long value = rel >> info.Shift;
        long lim = 1L << (info.Bits - 1);
        if (value < -lim || value >= lim) throw new InvalidOperationException($"{kind}: distance {rel} out of range");
        ulong word = info.PatchSize switch
        {
            1 => at[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(at),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(at),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(at),
        };
        if (kind == LabelUseKind.Arm64Adr21)
        {
            // immlo (bits 29-30) holds the low two bits, immhi (5-23) the rest.
            uint adr = BinaryPrimitives.ReadUInt32LittleEndian(at) & 0x9F00_001Fu;
            adr |= (uint)(value & 3) << 29 | (uint)((value >> 2) & 0x7FFFF) << 5;
            BinaryPrimitives.WriteUInt32LittleEndian(at, adr);
            return;
        }
        ulong fieldMask = (info.Bits == 64 ? ulong.MaxValue : (1UL << info.Bits) - 1) << info.BitOffset;
        word = (word & ~fieldMask) | (((ulong)value << info.BitOffset) & fieldMask);
        switch (info.PatchSize)
        {
            case 1: at[0] = (byte)word; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)word); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(at, (uint)word); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(at, word); break;
        }
    }
}
