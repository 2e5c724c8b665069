namespace Kiln.IR;

/// <summary>Size and alignment (bytes, a power of two) of a stack slot; the backend places it in the frame.</summary>
public readonly record struct StackSlotData(int Size, int Align);
