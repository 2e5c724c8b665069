using System.Text;

namespace Kiln.Wasm.Text.Lexing;

/// <summary>
/// Splits WebAssembly text (modules and scripts) into tokens. Comments (line and nested block) and
/// annotations <c>(@…)</c> are skipped. Atoms and strings must be followed by whitespace, a
/// parenthesis or a comment: the spec treats a glued run such as <c>0$l</c> or <c>"a""b"</c> as one
/// reserved token, which no grammar rule accepts, so it is reported here.
/// </summary>
public sealed class WatLexer
{
    private readonly string _s;
    private int _i;
    private int _line = 1;
    private int _lineStart;

    private WatLexer(string source) => _s = source;

    /// <summary>Tokenizes <paramref name="source"/>; the last token is <see cref="TokenKind.Eof"/>.</summary>
    public static Token[] Tokenize(string source)
    {
        var lx = new WatLexer(source);
        var list = new List<Token>(source.Length / 4 + 4);
        lx.Run(list);
        return list.ToArray();
    }

    private int Column => _i - _lineStart + 1;

    private WatParseException Error(string message) => new(message, _line, Column);

    private WatParseException Error(string message, int line, int column) => new(message, line, column);

    private void Run(List<Token> output)
    {
        while (true)
        {
            SkipTrivia();
            if (_i >= _s.Length)
            {
                output.Add(new Token(TokenKind.Eof, "", null, _i, _line, Column));
                return;
            }
            int start = _i, line = _line, col = Column;
            char c = _s[_i];
            if (c == '(')
            {
                if (_i + 1 < _s.Length && _s[_i + 1] == '@')
                {
                    SkipAnnotation();
                    continue;
                }
                _i++;
                output.Add(new Token(TokenKind.LParen, "(", null, start, line, col));
                continue;
            }
            if (c == ')')
            {
                _i++;
                output.Add(new Token(TokenKind.RParen, ")", null, start, line, col));
                continue;
            }
            if (c == '"')
            {
                var bytes = ReadString();
                CheckDelimited(line, col);
                output.Add(new Token(TokenKind.String, _s[start.._i], bytes, start, line, col));
                continue;
            }
            if (c == '$' && _i + 1 < _s.Length && _s[_i + 1] == '"')
            {
                // Quoted identifier $"…": its name is the string's (UTF-8) contents.
                _i++;
                var bytes = ReadString();
                CheckDelimited(line, col);
                string name;
                try
                {
                    name = StrictUtf8.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    throw Error("malformed UTF-8 encoding", line, col);
                }
                if (name.Length == 0) throw Error("empty identifier", line, col);
                output.Add(new Token(TokenKind.Id, "$" + name, null, start, line, col));
                continue;
            }
            if (IsIdChar(c))
            {
                while (_i < _s.Length && IsIdChar(_s[_i])) _i++;
                CheckDelimited(line, col);
                string text = _s[start.._i];
                output.Add(new Token(Classify(text), text, null, start, line, col));
                continue;
            }
            throw Error(c < ' ' || c > '~' ? $"unexpected character U+{(int)c:X4}" : $"unexpected character '{c}'");
        }
    }

    private static TokenKind Classify(string text)
    {
        char c = text[0];
        if (c == '$') return text.Length > 1 ? TokenKind.Id : TokenKind.Reserved;
        if (c is >= 'a' and <= 'z') return TokenKind.Keyword;
        if (c is >= '0' and <= '9' or '+' or '-') return TokenKind.Number;
        return TokenKind.Reserved;
    }

    // A token must end at whitespace, a parenthesis, a comment or the end of input.
    private void CheckDelimited(int line, int col)
    {
        if (_i >= _s.Length) return;
        char c = _s[_i];
        if (c is ' ' or '\t' or '\n' or '\r' or '(' or ')') return;
        if (c == ';' && _i + 1 < _s.Length && _s[_i + 1] == ';') return;
        throw Error("unknown operator: tokens must be separated by whitespace", line, col);
    }

    private void SkipTrivia()
    {
        while (_i < _s.Length)
        {
            char c = _s[_i];
            if (c == '\n')
            {
                _i++;
                _line++;
                _lineStart = _i;
            }
            else if (c is ' ' or '\t' or '\r')
            {
                _i++;
            }
            else if (c == ';' && _i + 1 < _s.Length && _s[_i + 1] == ';')
            {
                while (_i < _s.Length && _s[_i] is not ('\n' or '\r')) _i++; // a carriage return ends a line comment too (spec comments.wast)
            }
            else if (c == '(' && _i + 1 < _s.Length && _s[_i + 1] == ';')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBlockComment()
    {
        int line = _line, col = Column;
        int depth = 0;
        while (_i < _s.Length)
        {
            char c = _s[_i];
            if (c == '(' && _i + 1 < _s.Length && _s[_i + 1] == ';')
            {
                depth++;
                _i += 2;
            }
            else if (c == ';' && _i + 1 < _s.Length && _s[_i + 1] == ')')
            {
                depth--;
                _i += 2;
                if (depth == 0) return;
            }
            else
            {
                _i++;
                if (c == '\n')
                {
                    _line++;
                    _lineStart = _i;
                }
            }
        }
        throw Error("unclosed comment", line, col);
    }

    // Annotations (the annotations proposal) carry no meaning for Kiln: skip them with their nesting.
    private void SkipAnnotation()
    {
        int line = _line, col = Column;
        int depth = 0;
        while (true)
        {
            SkipTrivia();
            if (_i >= _s.Length) throw Error("unclosed annotation", line, col);
            char c = _s[_i];
            if (c == '(') { depth++; _i++; }
            else if (c == ')') { depth--; _i++; if (depth == 0) return; }
            else if (c == '"') ReadString();
            else _i++;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Reads a string literal starting at the opening quote and returns its bytes.</summary>
    private byte[] ReadString()
    {
        int line = _line, col = Column;
        _i++; // opening quote
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (_i >= _s.Length) throw Error("unclosed string", line, col);
            char c = _s[_i];
            if (c == '"')
            {
                _i++;
                return bytes.ToArray();
            }
            if (c == '\n') throw Error("unclosed string", line, col);
            if (c < ' ' || c == '\u007f') throw Error("illegal character in string");
            if (c == '\\')
            {
                _i++;
                if (_i >= _s.Length) throw Error("unclosed string", line, col);
                char e = _s[_i];
                switch (e)
                {
                    case 'n': bytes.Add((byte)'\n'); _i++; break;
                    case 't': bytes.Add((byte)'\t'); _i++; break;
                    case 'r': bytes.Add((byte)'\r'); _i++; break;
                    case '"': bytes.Add((byte)'"'); _i++; break;
                    case '\'': bytes.Add((byte)'\''); _i++; break;
                    case '\\': bytes.Add((byte)'\\'); _i++; break;
                    case 'u':
                        {
                            _i++;
                            if (_i >= _s.Length || _s[_i] != '{') throw Error("illegal escape");
                            _i++;
                            int startHex = _i;
                            long v = 0;
                            bool lastUnderscore = true;
                            while (_i < _s.Length && (HexValue(_s[_i]) >= 0 || _s[_i] == '_'))
                            {
                                if (_s[_i] == '_')
                                {
                                    if (lastUnderscore) throw Error("illegal escape");
                                    lastUnderscore = true;
                                }
                                else
                                {
                                    v = Math.Min(v * 16 + HexValue(_s[_i]), 0x7FFFFFFF);
                                    lastUnderscore = false;
                                }
                                _i++;
                            }
                            if (_i == startHex || lastUnderscore || _i >= _s.Length || _s[_i] != '}') throw Error("illegal escape");
                            _i++;
                            if (v >= 0x110000 || (v >= 0xD800 && v < 0xE000)) throw Error("illegal escape: not a Unicode scalar value");
                            int n = new Rune((int)v).EncodeToUtf8(utf8);
                            for (int k = 0; k < n; k++) bytes.Add(utf8[k]);
                            break;
                        }
                    default:
                        {
                            int h1 = HexValue(e);
                            int h2 = _i + 1 < _s.Length ? HexValue(_s[_i + 1]) : -1;
                            if (h1 < 0 || h2 < 0) throw Error("illegal escape");
                            bytes.Add((byte)(h1 * 16 + h2));
                            _i += 2;
                            break;
                        }
                }
                continue;
            }
            if (c < 0x80)
            {
                bytes.Add((byte)c);
                _i++;
                continue;
            }
            // Non-ASCII source characters are stored as their UTF-8 encoding.
            if (Rune.DecodeFromUtf16(_s.AsSpan(_i), out var rune, out int used) != System.Buffers.OperationStatus.Done)
                throw Error("malformed UTF-8 encoding");
            int len = rune.EncodeToUtf8(utf8);
            for (int k = 0; k < len; k++) bytes.Add(utf8[k]);
            _i += used;
        }
    }

    internal static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    // idchar per the spec: printable ASCII except space, quote, comma, semicolon, parentheses, brackets, braces.
    private static readonly bool[] IdChars = BuildIdChars();

    private static bool[] BuildIdChars()
    {
        var t = new bool[128];
        for (int c = '!'; c <= '~'; c++) t[c] = true;
        foreach (char c in "\"(),;[]{}") t[c] = false;
        return t;
    }

    public static bool IsIdChar(char c) => c < 128 && IdChars[c];
}
