namespace Kiln.Compiler.Artifacts;

/// <summary>An artifact was refused before any of its code was mapped; <see cref="Kind"/> says which check failed.</summary>
public sealed class ArtifactException : KilnException
{
    public ArtifactException(ArtifactErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    public ArtifactErrorKind Kind { get; }
}
