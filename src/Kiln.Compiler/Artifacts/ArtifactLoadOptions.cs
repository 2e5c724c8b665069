using Kiln.Codegen;
using Kiln.Compiler.Artifacts.Elf;

namespace Kiln.Compiler.Artifacts;

/// <summary>What the loading engine offers; an artifact needing more is refused.</summary>
public sealed record ArtifactLoadOptions
{
    /// <summary>This engine's target.</summary>
    public ElfMachine Machine { get; init; } = ArtifactTarget.Machine(Driver.Targets.Host);

    /// <summary>CPU extensions present; default: this machine's.</summary>
    public CpuFeatures AvailableFeatures { get; init; } = Driver.Targets.Host.HostFeatures();

    /// <summary>Non-empty: the artifact must be sealed with HMAC-SHA-256 under this key.</summary>
    public ReadOnlyMemory<byte> IntegrityKey { get; init; }

    /// <summary>Whether the loading engine meters fuel: the artifact must have been compiled the same way.</summary>
    public bool ConsumeFuel { get; init; }

    /// <summary>Whether the loading engine uses epoch interruption: the artifact must have been compiled the same way.</summary>
    public bool EpochInterruption { get; init; }

    public static ArtifactLoadOptions Default { get; } = new();
}
