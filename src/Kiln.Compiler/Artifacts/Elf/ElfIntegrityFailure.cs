namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>Why the integrity check refused a file, so callers tell a missing key from tampering without reading messages.</summary>
public enum ElfIntegrityFailure
{
    /// <summary>The integrity note is missing or malformed (or the file is too short to hold it).</summary>
    Malformed,

    /// <summary>The digest does not match: truncated, extended, modified — or sealed under another key.</summary>
    Mismatch,

    /// <summary>Sealed with HMAC-SHA-256 (under an operator's key), but checked without a key.</summary>
    KeyedFileWithoutKey,

    /// <summary>Sealed with a plain SHA-256 digest, but a key was given: anyone could have made it.</summary>
    UnkeyedFileWithKey,

    /// <summary>The algorithm word names no algorithm this reader knows.</summary>
    UnknownAlgorithm,
}
