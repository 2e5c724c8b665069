using Kiln.Codegen;
using Kiln.Codegen.Arm64;
using Kiln.Codegen.X64;

namespace Kiln.Compiler.Driver;

/// <summary>The backends this build has, chosen by name or architecture (the only place that names them).</summary>
public static class Targets
{
    /// <summary>Every target Kiln can generate code for.</summary>
    public static IReadOnlyList<TargetIsa> All { get; } = [X64Target.Instance, A64Target.Instance];

    /// <summary>The target for <paramref name="architecture"/>, or null when Kiln has no backend for it yet.</summary>
    public static TargetIsa? For(Architecture architecture)
    {
        foreach (var t in All)
        {
            if (t.Architecture == architecture)
                return t;
        }
        return null;
    }

    /// <summary>The target of the machine Kiln runs on (x86-64 or AArch64); else x86-64 (code is then for cross use).</summary>
    public static TargetIsa Host
    {
        get
        {
            foreach (var t in All)
            {
                if (t.IsHost)
                    return t;
            }
            return X64Target.Instance;
        }
    }
}
