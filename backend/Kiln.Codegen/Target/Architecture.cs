namespace Kiln.Codegen;

/// <summary>The machines Kiln knows (whether a backend exists for one is <see cref="TargetIsa"/>'s business).</summary>
public enum Architecture : byte
{
    X86_64,
    AArch64,
}
