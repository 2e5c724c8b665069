using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;

namespace Kiln.Compiler.Artifacts;

/// <summary>
/// Writes a compiled component as a sealed ELF64 artifact (README.md, "Component artifacts"): the component's binary
/// in <c>.kiln.component</c>, from which the loader derives the flat plan again (translation is deterministic), and
/// one complete module artifact per core module of the plan, in plan order, in <c>.kiln.module.N</c>. The outer
/// digest seals everything; each module artifact keeps its own digest and compatibility record.
/// </summary>
public static class ComponentArtifactWriter
{
    /// <summary>The outer record for code compiled with <paramref name="options"/>; the writer adds the features the
    /// module artifacts require.</summary>
    public static EngineCompatibility Compatibility(ModuleCompilerOptions options, ElfMachine machine) =>
        new(ArtifactFormat.Version, machine, Kiln.Codegen.CpuFeatures.None, options.Features, options.Optimize,
            options.FunctionAlignment, EngineCompatibility.CurrentBuiltinCount, ArtifactFormat.KilnVersion)
        {
            ConsumeFuel = options.ConsumeFuel,
            EpochInterruption = options.EpochInterruption,
        };

    public static byte[] Write(ReadOnlyMemory<byte> componentBinary, IReadOnlyList<byte[]> moduleArtifacts,
        EngineCompatibility compatibility, ReadOnlySpan<byte> integrityKey = default)
    {
        ArgumentNullException.ThrowIfNull(moduleArtifacts);
        var required = compatibility.RequiredFeatures;
        foreach (var m in moduleArtifacts)
            required |= ArtifactReader.ReadCompatibility(ElfReader.Parse(m, new ElfReadOptions { ExpectedType = ElfFileType.Relocatable })).RequiredFeatures;
        var elf = new ElfWriter(compatibility.Machine);
        elf.AddSection(ArtifactFormat.ComponentSection, ElfSectionType.ProgBits, ElfSectionFlags.None, componentBinary);
        for (int i = 0; i < moduleArtifacts.Count; i++)
            elf.AddSection(ArtifactFormat.ComponentModuleSection(i), ElfSectionType.ProgBits, ElfSectionFlags.None, moduleArtifacts[i], alignment: 16);
        elf.AddNote(KilnNotes.EngineCompatibility, (compatibility with { RequiredFeatures = required }).Encode());
        return elf.Write(integrityKey);
    }
}
