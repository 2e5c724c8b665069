namespace Kiln.Wasm.Text;

/// <summary>A malformed text module or script. <see cref="Reason"/> follows the spec tests' wording
/// ("unknown operator", "constant out of range", "unknown function $f", …); line and column are 1-based.</summary>
public sealed class WatParseException(string reason, int line, int column)
    : KilnException($"{line}:{column}: {reason}")
{
    public string Reason { get; } = reason;
    public int Line { get; } = line;
    public int Column { get; } = column;
}
