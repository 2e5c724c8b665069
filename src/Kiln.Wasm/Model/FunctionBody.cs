namespace Kiln.Wasm.Model;

/// <summary>
/// The code of one defined function. Instructions stay in their binary encoding (as wasmparser and
/// wazero keep them): consumers stream them with <see cref="Instructions.InstructionReader"/>, so no
/// per-instruction objects exist between decoding and translation.
/// </summary>
public sealed class FunctionBody
{
    public required LocalGroup[] Locals { get; init; }

    /// <summary>Instruction bytes of the body expression, ending with the function's final <c>end</c>.</summary>
    public required ReadOnlyMemory<byte> Code { get; init; }

    /// <summary>Byte offset of <see cref="Code"/> within the module binary (0 for modules built in memory).</summary>
    public int CodeOffset { get; init; }

    /// <summary>Byte offset of the body (its size field) within the module binary.</summary>
    public int BodyOffset { get; init; }
}
