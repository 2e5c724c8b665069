using Kiln.Codegen;

namespace Kiln.Compiler.Driver;

/// <summary>Settings of <see cref="ModuleCompiler"/>. The output does not depend on <see cref="Threads"/>.</summary>
public sealed record ModuleCompilerOptions
{
    public static readonly ModuleCompilerOptions Default = new();

    /// <summary>The machine to generate code for (default: the host's, when Kiln has a backend for it).</summary>
    public TargetIsa Target { get; init; } = Targets.Host;

    /// <summary>Functions compiled at once; 0 = one per processor.</summary>
    public int Threads { get; init; }

    /// <summary>Run the mid-end passes (constant folding, GVN, DCE, branch simplification).</summary>
    public bool Optimize { get; init; } = true;

    /// <summary>Run the IR verifier after translation and after each pass (slow; for debugging).</summary>
    public bool VerifyIr { get; init; }

    private CpuFeatures? _features;

    /// <summary>The extensions of <see cref="Target"/> the code may use. Unless set: the target's
    /// <see cref="TargetIsa.DefaultFeatures"/> when it is the machine Kiln runs on, else its
    /// <see cref="TargetIsa.BaselineFeatures"/> (cross-compiled code runs on any machine of that target). Feature
    /// bits are the target's own: <see cref="ForTarget"/> drops them when the target changes, and the compiler refuses
    /// bits the target does not define.</summary>
    public CpuFeatures Features
    {
        get => _features ?? (Target.IsHost ? Target.DefaultFeatures : Target.BaselineFeatures);
        init => _features = value;
    }

    /// <summary>These options for <paramref name="target"/>: the same, except that features chosen for another
    /// target do not carry over (they would name that target's extensions): they become the new target's default.</summary>
    public ModuleCompilerOptions ForTarget(TargetIsa target) =>
        ReferenceEquals(target, Target) ? this : this with { Target = target, _features = null };

    /// <summary>Compile fuel metering in (see <see cref="Translate.ModuleEnvironment.ConsumeFuel"/>); recorded in artifacts.</summary>
    public bool ConsumeFuel { get; init; }

    /// <summary>Compile epoch-deadline checks in (see <see cref="Translate.ModuleEnvironment.EpochInterruption"/>); recorded in artifacts.</summary>
    public bool EpochInterruption { get; init; }

    /// <summary>Code alignment of every function in the blob (a power of two).</summary>
    public int FunctionAlignment { get; init; } = 16;

    /// <summary>Wall time the compilation may take, or null for no limit; past it the compilation stops with
    /// <see cref="CompileBudgetExceededException"/> (see <see cref="CompileBudget"/>).</summary>
    public TimeSpan? CompileTimeout { get; init; }

    /// <summary>Managed bytes the compilation may allocate, or 0 for no limit; past it the compilation stops with
    /// <see cref="CompileBudgetExceededException"/> (see <see cref="CompileBudget"/>).</summary>
    public long MaxCompileMemory { get; init; }

    /// <summary>Cancels the compilation (it stops with <see cref="OperationCanceledException"/> at its next checkpoint).</summary>
    public CancellationToken CancellationToken { get; init; }
}
