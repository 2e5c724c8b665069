using Kiln.Codegen;

namespace Kiln.Compiler.Driver;

/// <summary>
/// A module's linked machine code: one position-independent blob (no absolute addresses inside, so it runs
/// wherever it is loaded) with every offset relative to its start.
/// </summary>
public sealed class CompiledModule
{
    /// <summary>The machine the code is for.</summary>
    public required TargetIsa Target { get; init; }

    /// <summary>The code blob.</summary>
    public required byte[] Code { get; init; }

    /// <summary>Number of imported functions (defined function i has function index this + i).</summary>
    public required int ImportedFunctionCount { get; init; }

    /// <summary>Blob offset of each defined function, in definition order.</summary>
    public required int[] FunctionOffsets { get; init; }

    /// <summary>Blob offset of the entry trampoline of each module type index (-1: none).</summary>
    public required int[] EntryTrampolineOffsets { get; init; }

    /// <summary>Blob offset of the wasm-to-host trampoline of each module type index (-1: none).</summary>
    public required int[] HostTrampolineOffsets { get; init; }

    /// <summary>Every trapping instruction, sorted by offset.</summary>
    public required CodeTrapSite[] TrapSites { get; init; }

    /// <summary>Calls that unwind into their function (exception handling), blob offsets sorted by return offset.</summary>
    public LandingSite[] LandingSites { get; init; } = [];

    /// <summary>Every function and trampoline, sorted by start.</summary>
    public required CodeRange[] Ranges { get; init; }

    /// <summary>Blob offset → wasm byte offset, sorted by offset.</summary>
    public required CodeSourceLoc[] SourceMap { get; init; }

    /// <summary>The CPU extensions the code uses (the loader must check the host has them).</summary>
    public required CpuFeatures RequiredFeatures { get; init; }

    /// <summary>Blob offset of defined-or-not function <paramref name="funcIndex"/>, or -1 for an import.</summary>
    public int FunctionOffset(uint funcIndex) =>
        funcIndex < ImportedFunctionCount || funcIndex - ImportedFunctionCount >= FunctionOffsets.Length ? -1 : FunctionOffsets[funcIndex - ImportedFunctionCount];
}
