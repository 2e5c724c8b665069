namespace Kiln.IR;

/// <summary>Thrown by <see cref="Verifier.Assert"/>; the message lists every error, one a line.</summary>
public sealed class VerifierException(IReadOnlyList<string> errors)
    : Exception("IR verification failed:\n" + string.Join("\n", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
