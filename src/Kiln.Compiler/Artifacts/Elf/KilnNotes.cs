namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>The owner name and note types of Kiln's own ELF notes.</summary>
public static class KilnNotes
{
    /// <summary>Owner ("name") field of every Kiln note.</summary>
    public const string Owner = "Kiln";

    /// <summary>Section that holds the notes added with <see cref="ElfWriter.AddNote"/>.</summary>
    public const string SectionName = ".note.kiln";

    /// <summary>Section that holds the integrity note at a fixed file offset (see <see cref="ElfIntegrity"/>).</summary>
    public const string IntegritySectionName = ".note.kiln.digest";

    // Types are "KIL" + a number: small values (1 = NT_VERSION, 2 = NT_ARCH) make readelf mislabel the notes.

    /// <summary>Engine-compatibility record: format version, target, CPU features, settings. Payload defined by the artifact layer.</summary>
    public const uint EngineCompatibility = 0x4b494c01;

    /// <summary>Whole-file digest; see <see cref="ElfIntegrity"/>.</summary>
    public const uint Integrity = 0x4b494c02;
}
