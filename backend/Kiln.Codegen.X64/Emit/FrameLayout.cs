namespace Kiln.Codegen.X64;

/// <summary>
/// The frame, from high to low addresses:
/// <code>
///   [rbp+16 ...]   incoming stack args, then the return area for stack results (both the caller's)
///   [rbp+8]        return address
///   [rbp]          saved rbp
///   [rbp-8 ...]    saved callee-saved registers (pushed)
///   ...            int spill slots (8 bytes), float spill slots (16 bytes, 16-aligned)
///   [rsp ...]      outgoing stack args and return areas of calls
/// </code>
/// rsp stays fixed in the body and is 16-byte aligned there, so every call sees an aligned stack. Spill slots
/// and outgoing args are addressed from rsp, incoming args and the return area from rbp.
/// </summary>
public sealed class FrameLayout
{
    public FrameLayout(PRegSet calleeSavedUsed, int[] spillSlotCounts, int outgoingBytes, IReadOnlyList<Kiln.IR.StackSlotData>? stackSlots = null)
    {
        Saved = calleeSavedUsed.ToArray();
        OutgoingBytes = (outgoingBytes + 15) & ~15;
        // IR stack slots sit right above the outgoing area (rsp is 16-aligned, so alignments up to 16 hold).
        int at = OutgoingBytes;
        _stackSlotOffsets = new int[stackSlots?.Count ?? 0];
        for (int i = 0; i < _stackSlotOffsets.Length; i++)
        {
            int align = Math.Clamp(stackSlots![i].Align, 1, 16);
            at = (at + align - 1) & ~(align - 1);
            _stackSlotOffsets[i] = at;
            at += stackSlots[i].Size;
        }
        FloatSlotBase = (at + 15) & ~15;
        IntSlotBase = FloatSlotBase + 16 * spillSlotCounts[(int)RegClass.Float];
        int size = IntSlotBase + 8 * spillSlotCounts[(int)RegClass.Int];
        if ((size + 8 * Saved.Length) % 16 != 0) size += 8;
        AllocatedBytes = size;
    }

    /// <summary>Callee-saved registers pushed after rbp, in push order.</summary>
    public PReg[] Saved { get; }
    public int OutgoingBytes { get; }
    public int FloatSlotBase { get; }
    public int IntSlotBase { get; }
    /// <summary>What the prologue subtracts from rsp after the pushes.</summary>
    public int AllocatedBytes { get; }
    /// <summary>Total frame size below the return address (saved rbp, saves, slots, outgoing area).</summary>
    public int FrameBytes => 8 + 8 * Saved.Length + AllocatedBytes;

    private readonly int[] _stackSlotOffsets;

    /// <summary>rsp-relative offset of IR stack slot <paramref name="slot"/>.</summary>
    public int StackSlotOffset(int slot) => _stackSlotOffsets[slot];

    /// <summary>rsp-relative offset of a spill slot.</summary>
    public int SlotOffset(SpillSlot s) => s.Class == RegClass.Float ? FloatSlotBase + 16 * s.Index : IntSlotBase + 8 * s.Index;
}
