using Kiln.IR;

namespace Kiln.Codegen.X64;

// Kiln.Codegen has its own TrapCode; this backend speaks the IR's.
using TrapCode = Kiln.IR.TrapCode;

/// <summary>A trapping instruction: the fault at <see cref="Offset"/> means <see cref="Code"/>.</summary>
public readonly record struct TrapSite(int Offset, TrapCode Code);

public enum RelocKind : byte
{
    /// <summary>32-bit PC-relative: write S + A - P at the offset (a call rel32 or a RIP-relative lea).</summary>
    PcRel32,
}

/// <summary>A reference to a function symbol at <see cref="Offset"/> that the linker must patch.</summary>
public readonly record struct Relocation(int Offset, RelocKind Kind, string Symbol, bool IsLibCall, long Addend);

/// <summary>Code from <see cref="Offset"/> on (until the next entry) comes from IR instruction <see cref="IrInst"/>.</summary>
public readonly record struct SourceMapEntry(int Offset, int IrInst);

/// <summary>A jump table in the code's data tail: <see cref="Count"/> 32-bit entries relative to the table's start
/// (one per index, then the default).</summary>
public readonly record struct JumpTableInfo(int Offset, int Count);

/// <summary>Everything the linker and the runtime need from one compiled function.</summary>
public sealed class CompiledFunction
{
    public required string Name { get; init; }
    /// <summary>Instructions followed by jump-table data.</summary>
    public required byte[] Code { get; init; }
    /// <summary>Length of the instruction part of <see cref="Code"/> (jump tables follow).</summary>
    public required int InstructionBytes { get; init; }
    public required TrapSite[] TrapSites { get; init; }
    public required Relocation[] Relocations { get; init; }
    /// <summary>Bytes of stack the function uses below its return address.</summary>
    public required int FrameSize { get; init; }
    public required SourceMapEntry[] SourceMap { get; init; }
    public required JumpTableInfo[] JumpTables { get; init; }
    public required CpuFeatures FeaturesUsed { get; init; }
    public required RegAllocStats AllocStats { get; init; }
}
