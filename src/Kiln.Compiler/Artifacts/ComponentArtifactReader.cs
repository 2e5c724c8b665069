using Kiln.Compiler.Artifacts.Elf;

namespace Kiln.Compiler.Artifacts;

/// <summary>
/// Reads a component artifact with the module artifact's checks in the same order (ELF magic, integrity digest
/// before anything is parsed, ELF structure, compatibility record), then its sections. Nothing is loaded here.
/// </summary>
public static class ComponentArtifactReader
{
    /// <summary>Whether a sealed, parsed artifact is a component's (it has <c>.kiln.component</c>).</summary>
    public static bool IsComponent(ElfReader elf) => elf.FindSection(ArtifactFormat.ComponentSection) is not null;

    public static ComponentArtifact Read(ReadOnlyMemory<byte> file, ArtifactLoadOptions? options = null)
    {
        options ??= ArtifactLoadOptions.Default;
        var (elf, compatibility) = ArtifactReader.ReadVerified(file, options);
        if (!IsComponent(elf))
            throw new ArtifactException(ArtifactErrorKind.WrongKind, "a module's artifact, not a component's: load it as a module");
        var modules = new List<ReadOnlyMemory<byte>>();
        for (int i = 0; elf.FindSection(ArtifactFormat.ComponentModuleSection(i)) is { } s; i++) modules.Add(s.Data);
        return new ComponentArtifact(compatibility, elf.GetSectionData(ArtifactFormat.ComponentSection), modules);
    }
}
