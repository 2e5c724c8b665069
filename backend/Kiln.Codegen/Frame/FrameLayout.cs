namespace Kiln.Codegen;

/// <summary>
/// Stack frame of one function, as offsets from the stack pointer after the prologue (stack grows down):
/// <code>
///   higher  [ fixed header: return address + saved frame pointer (pushed by call/prologue) ]
///           [ callee-saved register save area ]
///           [ spill slots: 16-byte float/vector slots first, then 8-byte int slots ]
///           [ padding to the alignment ]
///   SP ---> [ outgoing argument area (stack-passed args of calls made by this function) ]
/// </code>
/// <see cref="FrameSize"/> is what the prologue subtracts below the header; header + frame size is a
/// multiple of the alignment (16 on x86-64 and AArch64), so calls out see an aligned SP.
/// </summary>
public sealed class FrameLayout
{
    private readonly int[] _slotBase = new int[RegClasses.Count];
    private readonly int[] _slotSize = new int[RegClasses.Count];
    private readonly (PReg Reg, int Offset)[] _saves;

    private FrameLayout((PReg, int)[] saves) => _saves = saves;

    public int OutgoingArgsSize { get; private init; }
    public int SpillAreaSize { get; private init; }
    public int CalleeSaveAreaSize { get; private init; }
    public int FixedHeaderSize { get; private init; }
    /// <summary>Bytes between SP and the fixed header.</summary>
    public int FrameSize { get; private init; }
    /// <summary>Registers to save in the prologue and restore in the epilogue, with their SP offsets.</summary>
    public ReadOnlySpan<(PReg Reg, int Offset)> CalleeSaves => _saves;

    public int SpillSlotOffset(SpillSlot s) => _slotBase[(int)s.Class] + s.Index * _slotSize[(int)s.Class];

    /// <summary>SP offset of the first byte above the frame (incoming stack args start at FrameSize + FixedHeaderSize).</summary>
    public int IncomingArgsOffset => FrameSize + FixedHeaderSize;

    /// <param name="floatSaveSize">Bytes saved per callee-saved float register (16 when the full vector must
    /// survive; AArch64's ABI only preserves the low 8 bytes of v8-v15).</param>
    public static FrameLayout Compute(MachineEnv env, ReadOnlySpan<int> spillSlotCounts, PRegSet calleeSaved,
        int outgoingArgsSize, int fixedHeaderSize = 16, int alignment = 16, int floatSaveSize = 16)
    {
        if (alignment < 16 || (alignment & (alignment - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(alignment));
        int off = Align(outgoingArgsSize, 16);

        // Spill slots: the 16-byte class first so its slots stay 16-aligned.
        int floatSize = env.SlotSizes[(int)RegClass.Float], intSize = env.SlotSizes[(int)RegClass.Int];
        int floatBase = off;
        off += spillSlotCounts[(int)RegClass.Float] * floatSize;
        int intBase = off;
        off += spillSlotCounts[(int)RegClass.Int] * intSize;
        int spillSize = off - floatBase;

        var regs = calleeSaved.ToArray();
        foreach (var r in regs)
            if (r.Class == RegClass.Float) { off = Align(off, 16); break; }
        var saves = new (PReg, int)[regs.Length];
        int saveStart = off;
        int n = 0;
        foreach (var r in regs)
            if (r.Class == RegClass.Float) { saves[n++] = (r, off); off += floatSaveSize; }
        foreach (var r in regs)
            if (r.Class == RegClass.Int) { saves[n++] = (r, off); off += 8; }
        int saveSize = off - saveStart;

        // Header + frame must be a multiple of the alignment.
        int frame = Align(off + fixedHeaderSize, alignment) - fixedHeaderSize;
        var layout = new FrameLayout(saves)
        {
            OutgoingArgsSize = outgoingArgsSize,
            SpillAreaSize = spillSize,
            CalleeSaveAreaSize = saveSize,
            FixedHeaderSize = fixedHeaderSize,
            FrameSize = frame,
        };
        layout._slotBase[(int)RegClass.Float] = floatBase;
        layout._slotBase[(int)RegClass.Int] = intBase;
        layout._slotSize[(int)RegClass.Float] = floatSize;
        layout._slotSize[(int)RegClass.Int] = intSize;
        return layout;
    }

    private static int Align(int x, int a) => (x + a - 1) & -a;
}
