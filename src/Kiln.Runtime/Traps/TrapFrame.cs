namespace Kiln.Runtime;

/// <summary>One frame of a trap's wasm backtrace, innermost first.</summary>
/// <param name="FunctionIndex">Index in the module's function index space.</param>
/// <param name="FunctionName">The name section's name for it, when present.</param>
/// <param name="CodeOffset">Offset of the instruction (fault or return address) from the function's code start.</param>
public readonly record struct TrapFrame(uint FunctionIndex, string? FunctionName, uint CodeOffset)
{
    /// <summary>Byte offset in the module of the wasm instruction: the trapping one in the innermost frame, the
    /// call in the others; null when the code carries no source map.</summary>
    public uint? WasmOffset { get; init; }

    /// <summary>The function's name, or <c>func[index]</c> without one.</summary>
    public string DisplayName => FunctionName ?? $"func[{FunctionIndex}]";

    /// <summary>Like Wasmtime: <c>0x1a3 - name</c>, or the machine-code offset when the wasm one is unknown.</summary>
    public override string ToString() =>
        WasmOffset is { } wasm ? $"0x{wasm:x} - {DisplayName}" : $"{DisplayName} + code 0x{CodeOffset:x}";
}
