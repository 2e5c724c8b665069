namespace Kiln.Component.Validation.Names;

/// <summary>
/// Semantic versions (semver.org 2.0) as interface names carry them (<c>ns:pkg/iface@1.2.3-pre+build</c>).
/// Errors use the wording of the Rust <c>semver</c> crate that wasmparser reports through, which the
/// component-model tests match ("unexpected character 'x' after minor version number").
/// </summary>
public static class Semver
{
    private static readonly string[] Positions =
        ["major version number", "minor version number", "patch version number", "pre-release identifier", "build metadata"];

    /// <summary>Null when <paramref name="s"/> is a valid version, else what is wrong.</summary>
    public static string? Check(string s)
    {
        if (s.Length == 0) return "empty string, expected a semver version";
        int i = 0;
        for (int part = 0; part < 3; part++)
        {
            if (part > 0)
            {
                if (i >= s.Length) return $"unexpected end of input while parsing {Positions[part]}";
                if (s[i] != '.') return $"unexpected character {Quote(s[i])} after {Positions[part - 1]}";
                i++;
            }
            if (Number(s, ref i, part) is { } err) return err;
        }
        int last = 2;
        if (i < s.Length && s[i] == '-')
        {
            i++;
            if (Identifiers(s, ref i, 3) is { } err) return err;
            last = 3;
        }
        if (i < s.Length && s[i] == '+')
        {
            i++;
            if (Identifiers(s, ref i, 4) is { } err) return err;
            last = 4;
        }
        return i < s.Length ? $"unexpected character {Quote(s[i])} after {Positions[last]}" : null;
    }

    private static string? Number(string s, ref int i, int pos)
    {
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == start)
            return start >= s.Length ? $"unexpected end of input while parsing {Positions[pos]}"
                : $"unexpected character {Quote(s[start])} while parsing {Positions[pos]}";
        if (s[start] == '0' && i - start > 1) return $"invalid leading zero in {Positions[pos]}";
        if (!ulong.TryParse(s.AsSpan(start, i - start), out _)) return $"value of {Positions[pos]} exceeds u64::MAX";
        return null;
    }

    private static string? Identifiers(string s, ref int i, int pos)
    {
        while (true)
        {
            int start = i;
            bool numeric = true;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '-'))
            {
                numeric &= char.IsAsciiDigit(s[i]);
                i++;
            }
            if (i == start)
                return i >= s.Length || s[i] == '.' || s[i] == '+' ? $"empty identifier segment in {Positions[pos]}"
                    : $"unexpected character {Quote(s[i])} while parsing {Positions[pos]}";
            if (pos == 3 && numeric && s[start] == '0' && i - start > 1) return $"invalid leading zero in {Positions[pos]}";
            if (i < s.Length && s[i] == '.') { i++; continue; }
            return null;
        }
    }

    private static string Quote(char c) => $"'{c}'";
}
