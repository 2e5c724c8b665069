namespace Kiln.Codegen;

/// <summary>
/// The allocator's output. The emitter walks instructions in order; before emitting instruction i it
/// emits every edit with <c>Inst == i</c> (they are sorted), then emits i reading each operand's location
/// from <see cref="OperandAllocs"/> (parallel to the VCode's flat operand array: index
/// <c>code.OperandOffset(i) + k</c>). A reuse def and its input both report the shared register.
/// </summary>
public sealed class RegAllocResult
{
    public required Allocation[] OperandAllocs { get; init; }
    public required Edit[] Edits { get; init; }
    /// <summary>Spill slots used per <see cref="RegClass"/> (slot indices are dense from 0).</summary>
    public required int[] SpillSlotCounts { get; init; }
    /// <summary>Callee-saved registers written by the function: the prologue must save them.</summary>
    public required PRegSet CalleeSavedUsed { get; init; }
    /// <summary>Location of each block param at the top of its block (parallel to the flat param array); None if dead.</summary>
    public required Allocation[] BlockParamAllocs { get; init; }
    public required RegAllocStats Stats { get; init; }

    public Allocation OperandAlloc(VCode code, int inst, int operand) => OperandAllocs[code.OperandOffset(inst) + operand];

    /// <summary>Index of the first edit for <paramref name="inst"/> (edits are sorted by instruction).</summary>
    public int FirstEditAt(int inst)
    {
        int lo = 0, hi = Edits.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Edits[mid].Inst < inst) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

public record struct RegAllocStats(int Intervals, int Splits, int SpilledIntervals, int Moves, int Loads, int Stores);
