namespace Kiln.Runtime;

/// <summary>One frame of a trap's wasm backtrace, innermost first.</summary>
/// <param name="FunctionIndex">Index in the module's function index space.</param>
/// <param name="FunctionName">The name section's name for it, when present.</param>
/// <param name="CodeOffset">Offset of the instruction (fault or return address) from the function's code start.</param>
public readonly record struct TrapFrame(uint FunctionIndex, string? FunctionName, uint CodeOffset)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"func {FunctionIndex}{(FunctionName is null ? "" : $" <{FunctionName}>")} + 0x{CodeOffset:x}";
}
