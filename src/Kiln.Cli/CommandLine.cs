namespace Kiln.Cli;

/// <summary>
/// A small argument cursor: options (<c>--name value</c>, <c>--name=value</c>, flags) mixed with
/// positionals, with errors that say which option was wrong. Enough for kiln's commands without a dependency.
/// </summary>
public sealed class CommandLine
{
    private readonly List<string> _args;
    private readonly HashSet<string> _knownFlags;
    private readonly HashSet<string> _knownValued;
    private readonly Dictionary<string, List<string>> _values = [];
    private readonly HashSet<string> _flags = [];

    public CommandLine(IEnumerable<string> args, IEnumerable<string> flags, IEnumerable<string> valued)
    {
        _args = [.. args];
        _knownFlags = [.. flags];
        _knownValued = [.. valued];
        Parse();
    }

    public List<string> Positionals { get; } = [];

    /// <summary>Arguments after a literal <c>--</c>, passed through untouched (for example to a guest program).</summary>
    public List<string> Rest { get; } = [];

    public bool Has(string flag) => _flags.Contains(flag);

    public string? Value(string option) => _values.TryGetValue(option, out var v) ? v[^1] : null;

    public IReadOnlyList<string> Values(string option) => _values.TryGetValue(option, out var v) ? v : [];

    public int IntValue(string option, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        var s = Value(option);
        if (s is null) return defaultValue;
        if (!int.TryParse(s, out int n) || n < min || n > max)
            throw new UsageException($"{option} takes a whole number from {min} to {max}, not '{s}'");
        return n;
    }

    private void Parse()
    {
        for (int i = 0; i < _args.Count; i++)
        {
            string a = _args[i];
            if (a == "--")
            {
                Rest.AddRange(_args.Skip(i + 1));
                return;
            }
            if (a is "-h" or "--help")
                throw new HelpRequestedException();
            if (a.StartsWith('-') && a.Length > 1 && !IsNumber(a))
            {
                string name = a;
                string? value = null;
                int eq = a.IndexOf('=');
                if (eq > 0) (name, value) = (a[..eq], a[(eq + 1)..]);
                if (_knownFlags.Contains(name))
                {
                    if (value is not null) throw new UsageException($"{name} takes no value");
                    _flags.Add(name);
                }
                else if (_knownValued.Contains(name))
                {
                    if (value is null)
                    {
                        if (i + 1 >= _args.Count) throw new UsageException($"{name} needs a value");
                        value = _args[++i];
                    }
                    if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
                    list.Add(value);
                }
                else
                {
                    throw new UsageException($"unknown option '{name}'");
                }
                continue;
            }
            Positionals.Add(a);
        }
    }

    // Negative numbers are arguments (kiln run --invoke f -1), not options.
    private static bool IsNumber(string s) => s.Length > 1 && (char.IsDigit(s[1]) || s[1] == '.' || s.StartsWith("-inf") || s.StartsWith("-nan"));
}

/// <summary><c>-h</c>/<c>--help</c> among a command's options (anywhere before its file's own arguments): print its help.</summary>
public sealed class HelpRequestedException() : Exception("help requested");

/// <summary>Wrong use of the command line: reported with the command's usage line, exit status 2.</summary>
public sealed class UsageException(string message) : Exception(message);
