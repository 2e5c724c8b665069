using Kiln.Compiler.Artifacts;

namespace Kiln.Cli;

/// <summary>Tells artifacts from modules by content (the ELF magic), like <see cref="ModuleInput"/> tells binary from text.</summary>
public static class ArtifactInput
{
    public static bool IsArtifact(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 && bytes[0] == 0x7f && bytes[1] == (byte)'E' && bytes[2] == (byte)'L' && bytes[3] == (byte)'F';

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
