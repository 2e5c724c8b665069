using Kiln.Compiler.Artifacts;
using Kiln.Verify;

namespace Kiln.Cli;

/// <summary>Runs the static sandbox verifier (src/Kiln.Verify) for <c>kiln verify</c> and <c>kiln run --verify</c>.</summary>
public static class ArtifactVerification
{
    public static void Check(string path, byte[] artifact, ArtifactLoadOptions options)
    {
        if (ArtifactVerifier.FindViolation(artifact, options) is { } v)
            throw new CliException($"{path}: verification failed: {v}");
    }
}
