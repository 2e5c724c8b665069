using Kiln.IR;

namespace Kiln.Codegen;

/// <summary>The result of a target's instruction selection: VCode plus what emission needs besides it.</summary>
public sealed class LoweredFunction<TInst>
{
    public required VCode<TInst> Code { get; init; }
    public required AbiSignature Abi { get; init; }
    /// <summary>Per br_table: the successor blocks, default first.</summary>
    public required int[][] JumpTables { get; init; }
    /// <summary>Bytes reserved at SP for outgoing stack arguments and return areas (max over calls).</summary>
    public required int OutgoingBytes { get; init; }
    public required IReadOnlyList<ExtFunc> Callees { get; init; }
    public required CpuFeatures FeaturesUsed { get; init; }
    /// <summary>The IR function's stack slots (placed in the frame above the outgoing area).</summary>
    public IReadOnlyList<StackSlotData> StackSlots { get; init; } = [];
    /// <summary>The IR function's stack-limit descriptor (the prologue's check), or null for none.</summary>
    public StackLimit? StackLimit { get; init; }
}
