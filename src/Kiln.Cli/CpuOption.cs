using Kiln.Codegen;

namespace Kiln.Cli;

/// <summary>The <c>--cpu</c> option shared by <c>kiln compile</c> and <c>kiln settings</c>: which CPU extensions of the target code may use.</summary>
public static class CpuOption
{
    public const string Help = """
          --cpu C             native (default: the CPU extensions of this machine) or baseline
                              (the target's baseline only, e.g. SSE4.1 and POPCNT on x86-64, for artifacts that run anywhere).
                              For a target other than this machine's the default is baseline, and native is refused
        """ + "\n";

    /// <exception cref="UsageException">An unknown value, or native for a target this machine is not.</exception>
    public static CpuFeatures Parse(TargetIsa isa, string? value)
    {
        switch (value)
        {
            case null:
                // This machine's extensions say nothing about another target's machines.
                return isa.IsHost ? isa.NativeFeatures() : isa.BaselineFeatures;
            case "native" when !isa.IsHost:
                throw new UsageException($"--cpu native describes this machine, which is not {isa.Name}: use --cpu baseline (the default for another target)");
            case "native":
                return isa.NativeFeatures();
            case "baseline":
                return isa.BaselineFeatures;
            default:
                throw new UsageException($"--cpu takes native or baseline, not '{value}'");
        }
    }
}
