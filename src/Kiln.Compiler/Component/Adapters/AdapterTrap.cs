namespace Kiln.Compiler.Component.Adapters;

/// <summary>The codes an adapter passes to <see cref="AdapterBuiltin.Trap"/>. The runtime words each as the
/// canonical ABI's builtins word the same check (and Wasmtime's adapters), so a value traps alike on both paths.</summary>
public enum AdapterTrap
{
    CannotLeave,
    CannotEnter,
    InvalidChar,
    InvalidDiscriminant,
    /// <summary>"string content out-of-bounds": too long, or past the end of a memory (source or realloc's result).</summary>
    StringOutOfBounds,
    /// <summary>"list content out-of-bounds".</summary>
    ListOutOfBounds,
    /// <summary>"unaligned pointer": a string, list, spilled tuple or realloc result not aligned for its content.</summary>
    UnalignedPointer,
    /// <summary>"pointer out of bounds of memory": a spilled tuple or return area past the end of its memory.</summary>
    PointerOutOfBounds,
}
