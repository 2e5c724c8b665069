namespace Kiln.Component.Validation.Canonical;

/// <summary>The canonical ABI's run-time limits (definitions.py), shared by the runtime's lifting and lowering and
/// the adapters FACT generates, so both trap at the same lengths.</summary>
public static class AbiLimits
{
    /// <summary>Longest string content in bytes (definitions.py <c>MAX_STRING_BYTE_LENGTH</c>).</summary>
    public const uint MaxStringByteLength = (1u << 28) - 1;

    /// <summary>Longest list content in bytes.</summary>
    public const uint MaxListByteLength = (1u << 28) - 1;

    /// <summary>The bit of a latin1+utf16 string's length that says its code units are utf16.</summary>
    public const uint Utf16Tag = 1u << 31;

    /// <summary>Size of a pointer in a 32-bit memory.</summary>
    public const int PointerSize = 4;
}
