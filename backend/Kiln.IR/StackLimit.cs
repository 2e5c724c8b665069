namespace Kiln.IR;

/// <summary>
/// Where the prologue finds the lowest stack address the function may use: start from entry parameter
/// <see cref="Param"/> (an iptr) and load an iptr at each offset of <see cref="Loads"/> in turn. The
/// backend compares the stack pointer (after the frame is allocated) against the result and traps with
/// <see cref="TrapCode.StackOverflow"/> when it is below. Null on <see cref="Function.StackLimit"/>: no check.
/// </summary>
public sealed record StackLimit(int Param, long[] Loads)
{
    public override string ToString()
    {
        var s = $"param{Param}";
        foreach (var off in Loads)
        {
            s += $", load {off}";
        }
        return s;
    }
}
