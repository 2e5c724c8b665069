namespace Kiln.Wasm.Text.Lexing;

/// <summary>One token with its source position (1-based line and column).</summary>
public readonly struct Token
{
    public Token(TokenKind kind, string text, byte[]? bytes, int offset, int line, int column)
    {
        Kind = kind;
        Text = text;
        Bytes = bytes;
        Offset = offset;
        Line = line;
        Column = column;
    }

    public TokenKind Kind { get; }

    /// <summary>The token's source text (for strings: including the quotes).</summary>
    public string Text { get; }

    /// <summary>Decoded contents of a <see cref="TokenKind.String"/> token, else null.</summary>
    public byte[]? Bytes { get; }

    /// <summary>Character offset in the source.</summary>
    public int Offset { get; }
    public int Line { get; }
    public int Column { get; }

    public bool IsKeyword(string k) => Kind == TokenKind.Keyword && Text == k;

    public override string ToString() => Kind switch
    {
        TokenKind.LParen => "(",
        TokenKind.RParen => ")",
        TokenKind.Eof => "end of input",
        _ => Text,
    };
}
