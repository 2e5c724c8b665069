namespace Kiln.Component.Validation.Names;

/// <summary>
/// Kebab-case labels (Explainer.md <c>label</c>): words separated by single hyphens, each word all
/// lowercase or all uppercase letters followed by digits, the first word starting with a letter.
/// Labels compare case-insensitively (ASCII), so <c>a-B</c> and <c>A-b</c> are the same name.
/// </summary>
public static class Kebab
{
    public static bool IsKebab(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s[^1] == '-') return false;
        // A word's case is fixed by its first letter; digits may follow letters, and may start any word but the first.
        bool lower = false, upper = false, first = true, digit = false;
        foreach (char c in s)
        {
            bool none = !lower && !upper;
            switch (c)
            {
                case >= 'a' and <= 'z' when none || lower: lower = true; break;
                case >= 'A' and <= 'Z' when none || upper: upper = true; break;
                case >= '0' and <= '9' when !none || !first: digit = true; break;
                case '-' when !none || digit: lower = upper = digit = false; first = false; break;
                default: return false;
            }
        }
        return true;
    }

    public static bool Equal(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>Compares kebab strings the way names are unique: ignoring ASCII case.</summary>
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;
}
