namespace Kiln.Component.Linking;

/// <summary>
/// Matching a core import's module name (<c>ns:pkg/iface@1.2.3</c>) to an interface of the world. Names match exactly,
/// or by semver compatibility as wit-component allows: same unversioned name, and the same major version (the same
/// minor for 0.x), so an adapter built against <c>wasi:filesystem/preopens@0.2.6</c> is wired to the world's
/// <c>@0.2.12</c>.
/// </summary>
public static class InterfaceNames
{
    public static (string Unversioned, string? Version) Split(string name)
    {
        int at = name.LastIndexOf('@');
        return at < 0 ? (name, null) : (name[..at], name[(at + 1)..]);
    }

    public static bool Compatible(string a, string b)
    {
        if (a == b) return true;
        var (ua, va) = Split(a);
        var (ub, vb) = Split(b);
        if (ua != ub || va is null || vb is null) return false;
        return CompatKey(va) is { } ka && CompatKey(vb) is { } kb && ka == kb;
    }

    /// <summary>The part of a version that must agree: <c>1</c> for 1.x.y, <c>0.2</c> for 0.2.z, all of 0.0.z.</summary>
    private static string? CompatKey(string version)
    {
        int plus = version.IndexOfAny(['-', '+']);
        if (plus >= 0) return version; // pre-releases match only exactly
        var parts = version.Split('.');
        if (parts.Length != 3) return null;
        if (parts[0] != "0") return parts[0];
        if (parts[1] != "0") return "0." + parts[1];
        return version;
    }
}
