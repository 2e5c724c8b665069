namespace Kiln.Wasm;

/// <summary>
/// The proposals beyond Wasm 2.0 that the decoder and validator accept. Kiln accepts all of them by default;
/// <see cref="Wasm2"/> restores Wasm 2.0's grammar where a later proposal changed what is malformed or invalid
/// (the 2.0 spec suite asserts, for example, that memory.size's reserved byte must be zero and that a second
/// memory is invalid; multi-memory makes the byte a memory index and allows any number of memories).
/// </summary>
[Flags]
public enum WasmFeatures
{
    /// <summary>Wasm 2.0 only.</summary>
    Wasm2 = 0,

    /// <summary>Wasm 3.0 multi-memory: any number of memories, memory indices in memargs (alignment flag bit 6),
    /// memory.size/grow/fill/copy/init and active data segments.</summary>
    MultiMemory = 1 << 0,

    /// <summary>The threads proposal's <c>shared</c> memory limits (flags 2 and 3). Atomic instructions are not
    /// part of this feature; Kiln does not decode them.</summary>
    SharedMemory = 1 << 1,

    /// <summary>What Kiln accepts unless told otherwise.</summary>
    Default = MultiMemory | SharedMemory,
}
