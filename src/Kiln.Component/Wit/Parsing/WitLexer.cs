using System.Text;

namespace Kiln.Component.Wit.Parsing;

/// <summary>
/// WIT's lexical structure (WIT.md "Lexical structure"): whitespace, <c>//</c> and nested <c>/* */</c> comments,
/// operators, keywords, kebab-case identifiers (<c>%</c> escapes a keyword), integers and string literals.
/// Doc comments (<c>///</c> lines, <c>/** */</c> blocks) are kept and attached to the next token. Tokens are made
/// on demand so the parser can read a semver version as raw text (<see cref="ReadVersionText"/>): <c>1.2.3-rc.1</c>
/// is no sequence of WIT tokens.
/// </summary>
public sealed class WitLexer
{
    private static readonly HashSet<string> Keywords =
    [
        "as", "async", "bool", "borrow", "char", "constructor", "enum", "export", "f32", "f64", "flags", "from",
        "func", "future", "import", "include", "interface", "list", "map", "option", "own", "package", "record",
        "resource", "result", "s16", "s32", "s64", "s8", "static", "stream", "string", "tuple", "type", "u16",
        "u32", "u64", "u8", "use", "variant", "with", "world", "error-context",
    ];

    private readonly string _text;
    private readonly string _file;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public WitLexer(string text, string file)
    {
        _text = text;
        _file = file;
        foreach (char c in text)
            if (c < ' ' && c is not ('\n' or '\r' or '\t') || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069')
                throw Error(WitErrorKind.Syntax, $"invalid character in source: U+{(int)c:X4}", LocationOf(text.IndexOf(c)));
    }

    public static bool IsKeyword(string s) => Keywords.Contains(s);

    public WitLocation Here => new(_file, _line, _pos - _lineStart + 1);

    private WitLocation LocationOf(int index)
    {
        int line = 1, start = 0;
        for (int i = 0; i < index; i++)
            if (_text[i] == '\n') { line++; start = i + 1; }
        return new(_file, line, index - start + 1);
    }

    public static WitException Error(WitErrorKind kind, string reason, WitLocation at) => new(kind, reason, at);

    /// <summary>The next token.</summary>
    public WitToken Next()
    {
        string? docs = SkipTrivia();
        var at = Here;
        int start = _pos;
        if (_pos >= _text.Length) return new(WitTokenKind.End, "", at, start, start, docs);
        char c = _text[_pos];
        if (c == '-' && Peek(1) == '>') { _pos += 2; return new(WitTokenKind.Operator, "->", at, start, _pos, docs); }
        if ("=,:;(){}<>*/.@_".IndexOf(c) >= 0 && !(c == '_' && IsIdChar(Peek(1))))
        {
            _pos++;
            return new(WitTokenKind.Operator, c.ToString(), at, start, _pos, docs);
        }
        if (char.IsAsciiDigit(c))
        {
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
            return new(WitTokenKind.Integer, _text[start.._pos], at, start, _pos, docs);
        }
        if (c == '"') return new(WitTokenKind.String, ReadString(at), at, start, _pos, docs);
        bool explicitId = c == '%';
        if (explicitId) _pos++;
        int idStart = _pos;
        while (_pos < _text.Length && IsIdChar(_text[_pos])) _pos++;
        string word = _text[idStart.._pos];
        if (word.Length == 0)
            throw Error(WitErrorKind.Syntax, explicitId ? "expected an identifier after `%`" : $"unexpected character `{c}`", at);
        if (!explicitId && Keywords.Contains(word)) return new(WitTokenKind.Keyword, word, at, start, _pos, docs);
        if (!IsKebab(word)) throw Error(WitErrorKind.Syntax, $"identifier `{word}` is not in kebab case", at);
        return new(WitTokenKind.Id, word, at, start, _pos, docs);
    }

    /// <summary>Reads a semver version at the current position (after <c>@</c> or <c>version =</c>).</summary>
    public (string Text, WitLocation At) ReadVersionText()
    {
        SkipTrivia();
        var at = Here;
        int start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '.' or '-' or '+')) _pos++;
        // A version never ends with '.', which would eat the '.' of a following `.{`.
        while (_pos > start && _text[_pos - 1] == '.') _pos--;
        return (_text[start.._pos], at);
    }

    /// <summary>Moves back to <paramref name="token"/>'s start (one token of look-back for the parser).</summary>
    public void Reset(WitToken token)
    {
        _pos = token.Start;
        _line = token.Location.Line;
        _lineStart = token.Start - (token.Location.Column - 1);
    }

    public static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    /// <summary>Kebab case: words of letters and digits joined by single dashes, each word starting with a letter and
    /// all lower or all upper case (Explainer.md <c>label</c>).</summary>
    public static bool IsKebab(string s)
    {
        if (s.Length == 0) return false;
        foreach (var word in s.Split('-'))
        {
            if (word.Length == 0 || !char.IsAsciiLetter(word[0])) return false;
            bool lower = false, upper = false;
            foreach (char ch in word)
            {
                if (!char.IsAsciiLetterOrDigit(ch)) return false;
                lower |= char.IsAsciiLetterLower(ch);
                upper |= char.IsAsciiLetterUpper(ch);
            }
            if (lower && upper) return false;
        }
        return true;
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void NewLine(int at)
    {
        _line++;
        _lineStart = at + 1;
    }

    /// <summary>Skips whitespace and comments; returns the doc comments met (lines joined by newlines), if any.</summary>
    private string? SkipTrivia()
    {
        StringBuilder? docs = null;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\n') { NewLine(_pos); _pos++; continue; }
            if (c is ' ' or '\t' or '\r') { _pos++; continue; }
            if (c == '/' && Peek(1) == '/')
            {
                int start = _pos;
                while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
                string line = _text[start.._pos].TrimEnd('\r');
                if (line.StartsWith("///", StringComparison.Ordinal) && !line.StartsWith("////", StringComparison.Ordinal))
                    AppendDoc(ref docs, line[3..]);
                continue;
            }
            if (c == '/' && Peek(1) == '*')
            {
                var at = Here;
                int start = _pos;
                bool isDoc = Peek(2) == '*' && Peek(3) != '*' && Peek(3) != '/';
                int depth = 0;
                do
                {
                    if (_pos >= _text.Length) throw Error(WitErrorKind.Syntax, "unterminated block comment", at);
                    if (_text[_pos] == '/' && Peek(1) == '*') { depth++; _pos += 2; }
                    else if (_text[_pos] == '*' && Peek(1) == '/') { depth--; _pos += 2; }
                    else { if (_text[_pos] == '\n') NewLine(_pos); _pos++; }
                } while (depth > 0);
                if (isDoc)
                    foreach (var line in _text[(start + 3)..(_pos - 2)].Split('\n'))
                        AppendDoc(ref docs, line.TrimEnd('\r'));
                continue;
            }
            break;
        }
        return docs?.ToString();
    }

    private static void AppendDoc(ref StringBuilder? docs, string line)
    {
        if (docs is null) docs = new StringBuilder();
        else docs.Append('\n');
        docs.Append(line.StartsWith(' ') ? line[1..].TrimEnd() : line.TrimEnd());
    }

    private string ReadString(WitLocation at)
    {
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n') throw Error(WitErrorKind.Syntax, "unterminated string literal", at);
            char c = _text[_pos++];
            if (c == '"') return sb.ToString();
            if (c != '\\') { sb.Append(c); continue; }
            char e = _pos < _text.Length ? _text[_pos++] : '\0';
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '"': sb.Append('"'); break;
                case '\'': sb.Append('\''); break;
                case '\\': sb.Append('\\'); break;
                case 'u' when Peek(0) == '{':
                    int close = _text.IndexOf('}', _pos);
                    if (close < 0 || !int.TryParse(_text.AsSpan(_pos + 1, close - _pos - 1), System.Globalization.NumberStyles.HexNumber, null, out int cp)
                        || cp > 0x10FFFF || cp is >= 0xD800 and <= 0xDFFF)
                        throw Error(WitErrorKind.Syntax, "invalid unicode escape in string", at);
                    sb.Append(char.ConvertFromUtf32(cp));
                    _pos = close + 1;
                    break;
                default:
                    if (Uri.IsHexDigit(e) && _pos < _text.Length && Uri.IsHexDigit(_text[_pos]))
                    {
                        sb.Append((char)Convert.ToByte(_text.Substring(_pos - 1, 2), 16));
                        _pos++;
                        break;
                    }
                    throw Error(WitErrorKind.Syntax, "invalid escape in string", at);
            }
        }
    }
}
