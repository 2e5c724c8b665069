namespace Kiln.Runtime;

/// <summary>
/// Import names with a semantic version (<c>wasi:cli/stdout@0.2.3</c>) as the component model matches them: a
/// definition satisfies an import of another version when both are semver-compatible, as Wasmtime's linker
/// does: same major version when it is not 0, same minor when the major is 0 and the minor is not, and exactly
/// the same version for <c>0.0.x</c> and pre-releases. So <c>wasi:cli/stdout@0.2.12</c> serves 0.2.0 through any
/// later 0.2.x.
/// </summary>
internal static class SemverName
{
    /// <summary>The name with its version cut to what compatible versions share (<c>wasi:io/poll@0.2</c>), or
    /// null when the name has no version that semver can relax.</summary>
    public static string? CompatibilityKey(string name)
    {
        if (!TryParse(name, out var stem, out var version)) return null;
        if (version.Pre) return null;
        if (version.Major != 0) return $"{stem}@{version.Major}";
        if (version.Minor != 0) return $"{stem}@0.{version.Minor}";
        return null;
    }

    /// <summary>The version of a versioned name (for choosing the newest of several compatible definitions).</summary>
    public static (ulong Major, ulong Minor, ulong Patch) VersionOf(string name) =>
        TryParse(name, out _, out var v) ? (v.Major, v.Minor, v.Patch) : (0, 0, 0);

    private static bool TryParse(string name, out string stem, out (ulong Major, ulong Minor, ulong Patch, bool Pre) version)
    {
        stem = "";
        version = default;
        int at = name.LastIndexOf('@');
        if (at <= 0) return false;
        var text = name.AsSpan(at + 1);
        int plus = text.IndexOf('+');
        if (plus >= 0) text = text[..plus];
        int dash = text.IndexOf('-');
        bool pre = dash >= 0;
        if (pre) text = text[..dash];
        Span<Range> parts = stackalloc Range[4];
        if (text.Split(parts, '.') != 3) return false;
        if (!ulong.TryParse(text[parts[0]], System.Globalization.NumberStyles.None, null, out ulong major)
            || !ulong.TryParse(text[parts[1]], System.Globalization.NumberStyles.None, null, out ulong minor)
            || !ulong.TryParse(text[parts[2]], System.Globalization.NumberStyles.None, null, out ulong patch))
            return false;
        stem = name[..at];
        version = (major, minor, patch, pre);
        return true;
    }
}
