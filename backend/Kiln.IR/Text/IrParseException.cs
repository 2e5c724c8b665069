namespace Kiln.IR.Text;

/// <summary>A syntax or reference error in IR text, with the 1-based line and column where it was found.</summary>
public sealed class IrParseException(int line, int column, string message)
    : Exception($"{line}:{column}: {message}")
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    public string Reason { get; } = message;
}
