using System.Globalization;

namespace Kiln.Component.Wit.Model;

/// <summary>A Semantic Versioning 2.0 version (<c>1.2.3-rc.1+build</c>), as package names and gates carry it.</summary>
public sealed record WitVersion(ulong Major, ulong Minor, ulong Patch, string Pre = "", string Build = "") : IComparable<WitVersion>
{
    /// <summary>Parses semver; null when <paramref name="text"/> is not one (no leading zeros, non-empty identifiers).</summary>
    public static WitVersion? TryParse(string text)
    {
        string core = text, pre = "", build = "";
        int plus = core.IndexOf('+');
        if (plus >= 0) { build = core[(plus + 1)..]; core = core[..plus]; if (!ValidIdents(build, numericRule: false)) return null; }
        int dash = core.IndexOf('-');
        if (dash >= 0) { pre = core[(dash + 1)..]; core = core[..dash]; if (!ValidIdents(pre, numericRule: true)) return null; }
        var parts = core.Split('.');
        if (parts.Length != 3) return null;
        var n = new ulong[3];
        for (int i = 0; i < 3; i++)
        {
            var p = parts[i];
            if (p.Length == 0 || (p.Length > 1 && p[0] == '0')) return null;
            foreach (char c in p) if (c is < '0' or > '9') return null;
            if (!ulong.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out n[i])) return null;
        }
        return new WitVersion(n[0], n[1], n[2], pre, build);
    }

    private static bool ValidIdents(string s, bool numericRule)
    {
        foreach (var id in s.Split('.'))
        {
            if (id.Length == 0) return false;
            bool numeric = true;
            foreach (char c in id)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
                numeric &= char.IsAsciiDigit(c);
            }
            if (numericRule && numeric && id.Length > 1 && id[0] == '0') return false;
        }
        return true;
    }

    public int CompareTo(WitVersion? other)
    {
        if (other is null) return 1;
        int c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        if (c == 0) c = (Pre.Length == 0, other.Pre.Length == 0) switch
        {
            (true, true) => 0,
            (true, false) => 1,
            (false, true) => -1,
            _ => string.CompareOrdinal(Pre, other.Pre),
        };
        return c;
    }

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}" + (Pre.Length > 0 ? "-" + Pre : "") + (Build.Length > 0 ? "+" + Build : "");
}
