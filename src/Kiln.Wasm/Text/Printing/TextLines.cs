using System.Text;

namespace Kiln.Wasm.Text.Printing;

/// <summary>
/// Line layout for the printer: indentation, and closing parens that go on the end of the last line as
/// wasm2wat writes them — unless that line ends in a <c>;;</c> comment, which would swallow the paren.
/// </summary>
internal sealed class TextLines(TextWriter output, string indent)
{
    private readonly StringBuilder _sb = new(4096);
    private bool _started;
    private bool _lineComment;

    /// <summary>The builder to append the current line's text to.</summary>
    public StringBuilder Current => _sb;

    public void NewLine(int depth)
    {
        if (_started) _sb.Append('\n');
        _started = true;
        _lineComment = false;
        for (int i = 0; i < depth; i++) _sb.Append(indent);
    }

    /// <summary>Ends the current line with a <c>;;</c> comment.</summary>
    public void LineComment(string text)
    {
        _sb.Append("  ;; ").Append(text);
        _lineComment = true;
    }

    /// <summary>A line of its own holding only a <c>;;</c> comment.</summary>
    public void CommentLine(int depth, string text)
    {
        NewLine(depth);
        _sb.Append(";; ").Append(text);
        _lineComment = true;
    }

    /// <summary>Writes a closing paren, on a fresh line at <paramref name="depth"/> if the current one has a comment.</summary>
    public void Close(int depth)
    {
        if (_lineComment) NewLine(depth);
        _sb.Append(')');
    }

    /// <summary>Hands what has been built to the writer, so large modules stream out.</summary>
    public void Flush()
    {
        if (_sb.Length == 0) return;
        output.Write(_sb);
        _sb.Clear();
    }

    public void Finish()
    {
        _sb.Append('\n');
        Flush();
    }
}
