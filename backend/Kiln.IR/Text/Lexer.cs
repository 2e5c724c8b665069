namespace Kiln.IR.Text;

/// <summary>Splits IR text into tokens. <c>;</c> starts a comment running to the end of the line.</summary>
public static class Lexer
{
    public static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        int i = 0, line = 1, lineStart = 0;
        while (true)
        {
            while (i < s.Length)
            {
                char c = s[i];
                if (c == '\n')
                {
                    line++;
                    lineStart = ++i;
                }
                else if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c == ';')
                {
                    while (i < s.Length && s[i] != '\n')
                    {
                        i++;
                    }
                }
                else
                {
                    break;
                }
            }
            int col = i - lineStart + 1;
            if (i >= s.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", line, col));
                return tokens;
            }
            char ch = s[i];
            int start = i;
            if (char.IsAsciiLetter(ch) || ch == '_')
            {
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Ident, s[start..i], line, col));
            }
            else if (char.IsAsciiDigit(ch) || ((ch == '-' || ch == '+') && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])))
            {
                int digits = char.IsAsciiDigit(ch) ? i : i + 1;
                bool hex = digits + 1 < s.Length && s[digits] == '0' && (s[digits + 1] == 'x' || s[digits + 1] == 'X');
                i = digits + 1;
                while (i < s.Length)
                {
                    char d = s[i];
                    if (char.IsAsciiLetterOrDigit(d) || d == '.' || d == '_')
                    {
                        i++;
                    }
                    else if ((d == '+' || d == '-') && !hex && (s[i - 1] == 'e' || s[i - 1] == 'E'))
                    {
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }
                tokens.Add(new Token(TokenKind.Number, s[start..i], line, col));
            }
            else if (ch == '%')
            {
                i++;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '_' or '.' or '$'))
                {
                    i++;
                }
                if (i == start + 1)
                {
                    throw new IrParseException(line, col, "expected a name after '%'");
                }
                tokens.Add(new Token(TokenKind.Name, s[(start + 1)..i], line, col));
            }
            else if (ch == '-' && i + 1 < s.Length && s[i + 1] == '>')
            {
                i += 2;
                tokens.Add(new Token(TokenKind.Arrow, "->", line, col));
            }
            else
            {
                var kind = ch switch
                {
                    '(' => TokenKind.LParen,
                    ')' => TokenKind.RParen,
                    '{' => TokenKind.LBrace,
                    '}' => TokenKind.RBrace,
                    '[' => TokenKind.LBracket,
                    ']' => TokenKind.RBracket,
                    ',' => TokenKind.Comma,
                    ':' => TokenKind.Colon,
                    '=' => TokenKind.Equals,
                    '.' => TokenKind.Dot,
                    '-' => TokenKind.Minus,
                    _ => throw new IrParseException(line, col, $"unexpected character '{ch}'"),
                };
                i++;
                tokens.Add(new Token(kind, ch.ToString(), line, col));
            }
        }
    }
}
