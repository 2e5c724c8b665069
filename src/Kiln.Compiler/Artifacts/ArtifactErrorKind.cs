namespace Kiln.Compiler.Artifacts;

/// <summary>Why an artifact was refused, in the order the loader checks.</summary>
public enum ArtifactErrorKind
{
    /// <summary>Not a Kiln artifact at all (no ELF header, a wasm module, text…).</summary>
    NotAnArtifact,

    /// <summary>The integrity digest does not match: truncated, extended or modified (or sealed under another key).</summary>
    Integrity,

    /// <summary>Sealed with an HMAC under an operator's key, but loaded without a key.</summary>
    KeyRequired,

    /// <summary>Loaded with a key, but sealed only with the unkeyed SHA-256 digest, which anyone can recompute.</summary>
    NotKeyed,

    /// <summary>Sealed but structurally wrong (ELF or Kiln sections); only a buggy or hostile writer makes these.</summary>
    Malformed,

    /// <summary>Another artifact format version or Kiln version.</summary>
    Version,

    /// <summary>Made for another target architecture.</summary>
    Target,

    /// <summary>Needs CPU features this machine lacks, or was compiled with settings this engine cannot run.</summary>
    Features,

    /// <summary>A component's artifact where a module's is expected, or the reverse.</summary>
    WrongKind,
}
