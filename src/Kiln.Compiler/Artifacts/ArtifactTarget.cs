using Kiln.Codegen;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;

namespace Kiln.Compiler.Artifacts;

/// <summary>Target names accepted by <c>--target</c> and their ELF machines.</summary>
public static class ArtifactTarget
{
    public const string X86_64 = "x86_64";
    public const string AArch64 = "aarch64";

    /// <summary>The ELF machine for a target name, or null for an unknown name.</summary>
    public static ElfMachine? Parse(string name) => name switch
    {
        X86_64 or "x86-64" or "amd64" or "x64" => ElfMachine.X86_64,
        AArch64 or "arm64" => ElfMachine.AArch64,
        _ => null,
    };

    public static string Name(ElfMachine machine) => machine switch
    {
        ElfMachine.X86_64 => X86_64,
        ElfMachine.AArch64 => AArch64,
        _ => $"machine {(ushort)machine}",
    };

    /// <summary>Whether Kiln can generate code for <paramref name="machine"/>.</summary>
    public static bool IsSupported(ElfMachine machine) => Isa(machine) is not null;

    /// <summary>The backend for <paramref name="machine"/>, or null when Kiln has none.</summary>
    public static TargetIsa? Isa(ElfMachine machine) => machine switch
    {
        ElfMachine.X86_64 => Targets.For(Architecture.X86_64),
        ElfMachine.AArch64 => Targets.For(Architecture.AArch64),
        _ => null,
    };

    /// <summary>The ELF machine of a target's artifacts.</summary>
    public static ElfMachine Machine(TargetIsa target) => target.Architecture switch
    {
        Architecture.X86_64 => ElfMachine.X86_64,
        _ => ElfMachine.AArch64,
    };
}
