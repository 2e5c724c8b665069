namespace Kiln.Compiler.Driver;

/// <summary>What a range of the code blob holds.</summary>
public enum CodeRangeKind : byte
{
    /// <summary>A defined wasm function; the index is its function index.</summary>
    Function,

    /// <summary>A host-to-wasm entry trampoline; the index is its representative module type index.</summary>
    EntryTrampoline,

    /// <summary>A wasm-to-host trampoline; the index is its representative module type index.</summary>
    HostTrampoline,
}
