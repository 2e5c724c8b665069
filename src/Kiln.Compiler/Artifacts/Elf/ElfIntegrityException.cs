namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>The integrity note is missing, malformed, or its digest does not match the file.</summary>
public sealed class ElfIntegrityException : ElfFormatException
{
    public ElfIntegrityException(string message, ElfIntegrityFailure failure = ElfIntegrityFailure.Malformed) : base(message)
    {
        Failure = failure;
    }

    /// <summary>Which check failed.</summary>
    public ElfIntegrityFailure Failure { get; }
}
