using Kiln.IR;

namespace Kiln.Codegen;

/// <summary>
/// The stack frame of one function, for every target, from high to low addresses:
/// <code>
///   [incoming stack args, then the return area for stack results]   (the caller's)
///   [return address]                       ReturnAddressSize (x86-64: 8, pushed by call; AArch64: 0, in LR)
///   [setup area: saved frame pointer, …]   SetupAreaSize (x86-64: 8, push rbp; AArch64: 16, stp fp, lr)
///   [callee-saved registers]               CalleeSaveAreaSize (see <see cref="SaveOffset"/>)
///   [padding to 16]
///   [int spill slots]
///   [float spill slots (16-aligned)]
///   [IR stack slots]
///   SP → [outgoing stack args and return areas of calls]
/// </code>
/// The prologue sets up the header, saves registers and subtracts <see cref="AllocatedBytes"/>; SP then stays fixed
/// and 16-byte aligned, so every call sees an aligned stack. Spill slots, IR stack slots and outgoing args are
/// addressed from SP, incoming args from the frame pointer.
/// </summary>
public sealed class FrameLayout
{
    private readonly int[] _stackSlotOffsets;
    private readonly int[] _saveOffsets;
    private readonly int _intSlotSize, _floatSlotSize;

    /// <param name="floatSaveSize">Bytes saved per callee-saved float register (AArch64's ABI only preserves the
    /// low 8 bytes of v8-v15; x86-64 has no callee-saved float registers).</param>
    public FrameLayout(MachineEnv env, PRegSet calleeSavedUsed, ReadOnlySpan<int> spillSlotCounts, int outgoingBytes,
        IReadOnlyList<StackSlotData>? stackSlots, int returnAddressSize, int setupAreaSize, int floatSaveSize = 8)
    {
        Saved = calleeSavedUsed.ToArray();
        ReturnAddressSize = returnAddressSize;
        SetupAreaSize = setupAreaSize;
        OutgoingBytes = Align(outgoingBytes, 16);
        // IR stack slots sit right above the outgoing area (SP is 16-aligned, so alignments up to 16 hold).
        int at = OutgoingBytes;
        _stackSlotOffsets = new int[stackSlots?.Count ?? 0];
        for (int i = 0; i < _stackSlotOffsets.Length; i++)
        {
            at = Align(at, Math.Clamp(stackSlots![i].Align, 1, 16));
            _stackSlotOffsets[i] = at;
            at += stackSlots[i].Size;
        }
        _floatSlotSize = env.SlotSizes[(int)RegClass.Float];
        _intSlotSize = env.SlotSizes[(int)RegClass.Int];
        FloatSlotBase = Align(at, 16);
        IntSlotBase = FloatSlotBase + _floatSlotSize * spillSlotCounts[(int)RegClass.Float];
        int size = IntSlotBase + _intSlotSize * spillSlotCounts[(int)RegClass.Int];

        // Saves are laid out downwards from the setup area in register order (the order x86-64 pushes them).
        _saveOffsets = new int[Saved.Length];
        int saveArea = 0;
        for (int k = 0; k < Saved.Length; k++)
        {
            saveArea += Saved[k].Class == RegClass.Float ? floatSaveSize : 8;
            _saveOffsets[k] = -saveArea;
        }
        CalleeSaveAreaSize = saveArea;
        int header = ReturnAddressSize + SetupAreaSize + CalleeSaveAreaSize;
        AllocatedBytes = Align(size + header, 16) - header;
        for (int k = 0; k < _saveOffsets.Length; k++) _saveOffsets[k] += AllocatedBytes + CalleeSaveAreaSize;
    }

    /// <summary>Callee-saved registers the function writes, in save order.</summary>
    public PReg[] Saved { get; }
    public int ReturnAddressSize { get; }
    public int SetupAreaSize { get; }
    public int CalleeSaveAreaSize { get; }
    public int OutgoingBytes { get; }
    public int FloatSlotBase { get; }
    public int IntSlotBase { get; }
    /// <summary>What the prologue subtracts from SP after the setup area and the saves.</summary>
    public int AllocatedBytes { get; }
    /// <summary>Total frame size below the return address (setup area, saves, slots, outgoing area).</summary>
    public int FrameBytes => SetupAreaSize + CalleeSaveAreaSize + AllocatedBytes;

    /// <summary>SP-relative offset of saved register <see cref="Saved"/>[<paramref name="k"/>].</summary>
    public int SaveOffset(int k) => _saveOffsets[k];

    /// <summary>SP-relative offset of IR stack slot <paramref name="slot"/>.</summary>
    public int StackSlotOffset(int slot) => _stackSlotOffsets[slot];

    /// <summary>SP-relative offset of a spill slot.</summary>
    public int SlotOffset(SpillSlot s) => s.Class == RegClass.Float ? FloatSlotBase + _floatSlotSize * s.Index : IntSlotBase + _intSlotSize * s.Index;

    private static int Align(int x, int a) => (x + a - 1) & -a;
}
