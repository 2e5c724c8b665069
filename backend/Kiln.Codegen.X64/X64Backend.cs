using Kiln.IR;

namespace Kiln.Codegen.X64;

/// <summary>Shorthands for tests and tools: <see cref="X64Target"/>'s pipeline with <see cref="X64Features.Default"/>
/// unless told otherwise.</summary>
public static class X64Backend
{
    /// <param name="features">Extensions the code may use (default <see cref="X64Features.Default"/>; SSE4.1 and
    /// POPCNT are always required).</param>
    /// <exception cref="UnsupportedFeatureException">The function uses something x86-64 code cannot do yet (SIMD).</exception>
    public static CompiledFunction Compile(Function f, CpuFeatures? features = null) =>
        X64Target.Instance.Compile(f, features ?? X64Features.Default);

    /// <summary>Instruction selection only (for inspecting VCode in tests and tools).</summary>
    public static LoweredFunction<MInst> Lower(Function f, CpuFeatures? features = null) =>
        X64Target.Instance.Lower(f, features ?? X64Features.Default);
}
