using Kiln.Compiler.Artifacts;

namespace Kiln.Cli;

/// <summary>Tells artifacts from modules by content (the ELF magic), like <see cref="ModuleInput"/> tells binary from text.</summary>
public static class ArtifactInput
{
    public static bool IsArtifact(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 && bytes[0] == 0x7f && bytes[1] == (byte)'E' && bytes[2] == (byte)'L' && bytes[3] == (byte)'F';

    /// <summary>An ELF file, or a file named *.kiln (so a damaged one is refused as an artifact, not parsed as text).</summary>
    public static bool LooksLikeArtifact(string path, ReadOnlySpan<byte> bytes) =>
        IsArtifact(bytes) || string.Equals(Path.GetExtension(path), ".kiln", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads and verifies an artifact file; every refusal becomes a <see cref="CliException"/> naming the file.</summary>
    public static Artifact Read(string path, ArtifactLoadOptions? options = null)
    {
        var bytes = ModuleInput.ReadFile(path);
        try
        {
            return ArtifactReader.Read(bytes, options);
        }
        catch (ArtifactException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
    }
}
