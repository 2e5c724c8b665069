namespace Kiln.Codegen;

/// <summary>A branch target label.</summary>
public readonly record struct Label(int Id);

/// <summary>How a label reference is encoded in the instruction stream. Described by <see cref="LabelUseInfo"/>.</summary>
public enum LabelUseKind : byte
{
    /// <summary>x86-64 rel32 displacement, relative to the end of the 4-byte field.</summary>
    X64Rel32,
    /// <summary>x86-64 rel8 displacement (short jumps), relative to the end of the byte.</summary>
    X64Rel8,
    /// <summary>AArch64 B/BL imm26 (bits 0-25, words), relative to the instruction.</summary>
    Arm64Branch26,
    /// <summary>AArch64 B.cond/CBZ/CBNZ/LDR-literal imm19 (bits 5-23, words), relative to the instruction.</summary>
    Arm64Branch19,
    /// <summary>AArch64 TBZ/TBNZ imm14 (bits 5-18, words).</summary>
    Arm64Branch14,
    /// <summary>AArch64 ADR imm21 (bytes), split: the low 2 bits at 29-30, the rest at 5-23.</summary>
    Arm64Adr21,
}

/// <summary>
/// Encoding of a label use: the patched field is <see cref="Bits"/> wide at bit <see cref="BitOffset"/> of a
/// little-endian word of <see cref="PatchSize"/> bytes starting at the use offset, holding
/// (target - (use offset + <see cref="PcBias"/>)) &gt;&gt; <see cref="Shift"/>, signed.
/// </summary>
public readonly record struct LabelUseInfo(byte PatchSize, byte PcBias, byte Bits, byte Shift, byte BitOffset)
{
    private static readonly LabelUseInfo[] Table =
    [
        new(4, 4, 32, 0, 0), // X64Rel32
        new(1, 1, 8, 0, 0),  // X64Rel8
        new(4, 0, 26, 2, 0), // Arm64Branch26
        new(4, 0, 19, 2, 5), // Arm64Branch19
        new(4, 0, 14, 2, 5), // Arm64Branch14
        new(4, 0, 21, 0, 5), // Arm64Adr21 (scattered by CodeBuffer.PatchLabelUse)
    ];

    public static LabelUseInfo Of(LabelUseKind kind) => Table[(int)kind];

    public long MaxForward => ((1L << (Bits - 1)) - 1) << Shift;
    public long MaxBackward => (1L << (Bits - 1)) << Shift;
}
