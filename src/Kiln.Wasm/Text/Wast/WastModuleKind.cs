namespace Kiln.Wasm.Text.Wast;

public enum WastModuleKind : byte
{
    /// <summary>A text module, parsed when the script was read.</summary>
    Text,
    /// <summary><c>(module binary "…")</c>: bytes for the binary decoder.</summary>
    Binary,
    /// <summary><c>(module quote "…")</c>: text parsed on demand, since it may be malformed on purpose.</summary>
    Quote,
}
