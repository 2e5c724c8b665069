using Kiln.Codegen.X64;
using X86 = System.Runtime.Intrinsics.X86;

namespace Kiln.Compiler.Artifacts;

/// <summary>The x86-64 extensions this machine has, as the backend names them.</summary>
public static class HostCpu
{
    /// <summary>Every extension the backend knows that this machine offers (None off x86-64).</summary>
    public static CpuFeatures Available()
    {
        var f = CpuFeatures.None;
        if (X86.Sse41.IsSupported) f |= CpuFeatures.Sse41;
        if (X86.Popcnt.IsSupported) f |= CpuFeatures.Popcnt;
        if (X86.Lzcnt.IsSupported) f |= CpuFeatures.Lzcnt;
        if (X86.Bmi1.IsSupported) f |= CpuFeatures.Bmi1;
        return f;
    }
}
