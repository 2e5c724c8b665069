namespace Kiln.Component.Binary;

/// <summary>What the first 8 bytes of a <c>.wasm</c> file say it is (Binary.md: the <c>layer</c> field, bytes 6-7,
/// tells a core module, layer 0, from a component, layer 1).</summary>
public enum WasmBinaryKind
{
    /// <summary>Too short, or no <c>\0asm</c> magic, or an unknown layer.</summary>
    Unknown,
    Module,
    Component,
}

public static class WasmBinary
{
    /// <summary>Classifies a binary by its preamble; only the magic and the layer are looked at, so a component
    /// of another pre-standard version is still reported as a component (its decoder then names the version).</summary>
    public static WasmBinaryKind Classify(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8 || bytes[0] != 0x00 || bytes[1] != 0x61 || bytes[2] != 0x73 || bytes[3] != 0x6d)
            return WasmBinaryKind.Unknown;
        if (bytes[7] != 0) return WasmBinaryKind.Unknown;
        return bytes[6] switch
        {
            0 => WasmBinaryKind.Module,
            1 => WasmBinaryKind.Component,
            _ => WasmBinaryKind.Unknown,
        };
    }

    public static bool IsComponent(ReadOnlySpan<byte> bytes) => Classify(bytes) == WasmBinaryKind.Component;
}
