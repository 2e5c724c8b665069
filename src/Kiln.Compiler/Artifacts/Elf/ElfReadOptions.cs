namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>What the caller expects of the file; each mismatch is an <see cref="ElfFormatException"/>.</summary>
public sealed class ElfReadOptions
{
    /// <summary>Reject files for another machine.</summary>
    public ElfMachine? ExpectedMachine { get; init; }

    /// <summary>Reject files of another e_type.</summary>
    public ElfFileType? ExpectedType { get; init; }

    /// <summary>
    /// Verify the integrity note before any other field is trusted (see <see cref="ElfIntegrity"/>).
    /// </summary>
    public bool RequireIntegrity { get; init; }

    /// <summary>If non-empty, the integrity note must be an HMAC-SHA-256 under this key.</summary>
    public ReadOnlyMemory<byte> IntegrityKey { get; init; }

    public static ElfReadOptions Default { get; } = new();
}
