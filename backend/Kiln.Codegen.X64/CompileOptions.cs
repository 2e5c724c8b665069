namespace Kiln.Codegen.X64;

/// <summary>Per-function compilation settings.</summary>
public sealed class CompileOptions
{
    public static readonly CompileOptions Default = new();

    /// <summary>Extensions the generated code may use (SSE4.1 and POPCNT are always required).</summary>
    public CpuFeatures Features { get; init; } = CpuFeatures.Baseline | CpuFeatures.Lzcnt | CpuFeatures.Bmi1;

    /// <summary>
    /// Index of the parameter holding the context pointer for the prologue's stack-limit check, or -1 for no
    /// check. The prologue compares rsp (after the frame is allocated) with the pointer-sized value at
    /// [param + <see cref="StackLimitOffset"/>] and traps with stack_overflow when rsp is below it.
    /// The parameter must be passed in a register.
    /// </summary>
    public int StackLimitParam { get; init; } = -1;

    public int StackLimitOffset { get; init; }

    /// <summary>
    /// When non-negative, the value at [param + <see cref="StackLimitOffset"/>] is a pointer and the limit is the
    /// pointer-sized value at [that + this offset] (vmctx → store context → limit). Loaded through R11 (scratch).
    /// </summary>
    public int StackLimitIndirectOffset { get; init; } = -1;
}
