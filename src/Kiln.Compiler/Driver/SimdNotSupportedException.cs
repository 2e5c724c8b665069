namespace Kiln.Compiler.Driver;

/// <summary>The module uses SIMD (v128 values or 0xFD instructions), which the backends cannot compile yet.</summary>
public sealed class SimdNotSupportedException(string detail)
    : KilnException($"SIMD not supported yet ({detail})")
{
    public string Detail { get; } = detail;
}
