using Kiln.IR;

namespace Kiln.Codegen.Arm64;

/// <summary>Shorthands for tests and tools: <see cref="A64Target"/>'s pipeline (the base ISA: no optional features).</summary>
public static class A64Backend
{
    /// <exception cref="UnsupportedFeatureException">The function uses something AArch64 code cannot do yet (SIMD).</exception>
    public static CompiledFunction Compile(Function f) => A64Target.Instance.Compile(f, CpuFeatures.None);

    /// <summary>Instruction selection only (for inspecting VCode in tests and tools).</summary>
    public static LoweredFunction<AInst> Lower(Function f) => A64Target.Instance.Lower(f, CpuFeatures.None);
}
