namespace Kiln.Codegen;

/// <summary>A spill slot: class plus index within that class (the frame layout turns it into an offset).</summary>
public readonly record struct SpillSlot(RegClass Class, int Index)
{
    public override string ToString() => $"ss{(Class == RegClass.Int ? "i" : "f")}{Index}";
}
