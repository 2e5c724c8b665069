using Kiln.Codegen.X64;
using Kiln.Compiler.Artifacts;

namespace Kiln.Cli;

/// <summary>The <c>--cpu</c> option shared by <c>kiln compile</c> and <c>kiln settings</c>: which x86-64 extensions code may use.</summary>
public static class CpuOption
{
    public const string Help = """
          --cpu C             native (default: the CPU extensions of this machine) or baseline
                              (SSE4.1 and POPCNT only, for artifacts that run on any x86-64 Kiln supports)
        """ + "\n";

    public static CpuFeatures Parse(string? value) => (value ?? "native") switch
    {
        "native" => (HostCpu.Available() & (CompileOptions.Default.Features | CpuFeatures.Baseline)) | CpuFeatures.Baseline,
        "baseline" => CpuFeatures.Baseline,
        var c => throw new UsageException($"--cpu takes native or baseline, not '{c}'"),
    };
}
