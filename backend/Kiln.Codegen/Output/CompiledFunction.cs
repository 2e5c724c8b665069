namespace Kiln.Codegen;

/// <summary>Everything the linker and the runtime need from one compiled function, for any target.</summary>
public sealed class CompiledFunction
{
    public required string Name { get; init; }
    /// <summary>Instructions followed by jump-table data.</summary>
    public required byte[] Code { get; init; }
    /// <summary>Length of the instruction part of <see cref="Code"/> (jump tables follow).</summary>
    public required int InstructionBytes { get; init; }
    /// <summary>Sorted by offset.</summary>
    public required TrapSite[] TrapSites { get; init; }
    public required Relocation[] Relocations { get; init; }
    /// <summary>Bytes of stack the function uses below its return address.</summary>
    public required int FrameSize { get; init; }
    public required SourceMapEntry[] SourceMap { get; init; }
    public required JumpTableInfo[] JumpTables { get; init; }
    /// <summary>The target's optional extensions the code uses (for the artifact's compatibility record).</summary>
    public required CpuFeatures FeaturesUsed { get; init; }
    public required RegAllocStats AllocStats { get; init; }
    /// <summary>Calls that unwind into this function (exceptional successors), sorted by return offset.</summary>
    public LandingSite[] LandingSites { get; init; } = [];
}
