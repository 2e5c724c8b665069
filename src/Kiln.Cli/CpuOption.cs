using Kiln.Codegen;

namespace Kiln.Cli;

/// <summary>The <c>--cpu</c> option shared by <c>kiln compile</c> and <c>kiln settings</c>: which CPU extensions of the target code may use.</summary>
public static class CpuOption
{
    public const string Help = """
          --cpu C             native (default: the CPU extensions of this machine) or baseline
                              (the target's baseline only, e.g. SSE4.1 and POPCNT on x86-64, for artifacts that run anywhere)
        """ + "\n";

    public static CpuFeatures Parse(TargetIsa isa, string? value) => (value ?? "native") switch
    {
        "native" => isa.NativeFeatures(),
        "baseline" => isa.BaselineFeatures,
        var c => throw new UsageException($"--cpu takes native or baseline, not '{c}'"),
    };
}
