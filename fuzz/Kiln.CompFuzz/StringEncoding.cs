namespace Kiln.CompFuzz;

/// <summary>A canonical option <c>string-encoding</c>.</summary>
public enum StringEncoding { Utf8, Utf16, Latin1Utf16 }

public static class StringEncodings
{
    public static readonly StringEncoding[] All = [StringEncoding.Utf8, StringEncoding.Utf16, StringEncoding.Latin1Utf16];

    public static string Text(this StringEncoding e) => e switch
    {
        StringEncoding.Utf8 => "utf8",
        StringEncoding.Utf16 => "utf16",
        _ => "latin1+utf16",
    };

    public const uint Utf16Tag = 1u << 31;
}
