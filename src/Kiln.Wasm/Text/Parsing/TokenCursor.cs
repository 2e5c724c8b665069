using System.Text;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Wasm.Text.Parsing;

/// <summary>Position in a token array with the small look-ahead and expectation helpers the module, script
/// and component (Kiln.Component) parsers use. Every error names the offending token's line and column.</summary>
public class TokenCursor(Token[] tokens, int position)
{
    protected readonly Token[] Tokens = tokens;

    public int Position { get; set; } = position;

    public Token Peek(int ahead = 0)
    {
        int i = Position + ahead;
        return i < Tokens.Length ? Tokens[i] : Tokens[^1];
    }

    public Token Next()
    {
        var t = Tokens[Position];
        if (t.Kind != TokenKind.Eof) Position++;
        return t;
    }

    public bool AtLParen => Peek().Kind == TokenKind.LParen;
    public bool AtRParen => Peek().Kind == TokenKind.RParen;

    /// <summary>True when the next tokens are <c>(</c> followed by the keyword <paramref name="keyword"/>.</summary>
    public bool AtField(string keyword) => Peek().Kind == TokenKind.LParen && Peek(1).IsKeyword(keyword);

    public bool AtKeyword(string keyword) => Peek().IsKeyword(keyword);

    /// <summary>An index token: a <c>$id</c> or an unsigned number.</summary>
    public bool AtIndex => Peek().Kind == TokenKind.Id || (Peek().Kind == TokenKind.Number && char.IsAsciiDigit(Peek().Text[0]));

    public static WatParseException Error(Token t, string message) => new(message, t.Line, t.Column);

    public WatParseException Unexpected(Token t) => t.Kind switch
    {
        TokenKind.Eof => Error(t, "unexpected end of input"),
        TokenKind.Reserved => Error(t, $"unknown operator {t.Text}"),
        _ => Error(t, $"unexpected token {t}"),
    };

    public void ExpectLParen()
    {
        var t = Next();
        if (t.Kind != TokenKind.LParen) throw Unexpected(t);
    }

    public void ExpectRParen()
    {
        var t = Next();
        if (t.Kind != TokenKind.RParen) throw Unexpected(t);
    }

    public void ExpectKeyword(string keyword)
    {
        var t = Next();
        if (!t.IsKeyword(keyword)) throw Unexpected(t);
    }

    /// <summary>Consumes <c>( keyword</c>.</summary>
    public void ExpectField(string keyword)
    {
        ExpectLParen();
        ExpectKeyword(keyword);
    }

    public string? TryId()
    {
        if (Peek().Kind != TokenKind.Id) return null;
        return Next().Text;
    }

    public Token? TryIdToken()
    {
        if (Peek().Kind != TokenKind.Id) return null;
        return Next();
    }

    public byte[] ExpectString()
    {
        var t = Next();
        if (t.Kind != TokenKind.String) throw Unexpected(t);
        return t.Bytes!;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>A string that names something: it must be valid UTF-8.</summary>
    public string ExpectName()
    {
        var t = Peek();
        var bytes = ExpectString();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error(t, "malformed UTF-8 encoding");
        }
    }

    public uint ExpectU32()
    {
        var t = Next();
        if (t.Kind != TokenKind.Number) throw Unexpected(t);
        return ParseU32(t);
    }

    public static uint ParseU32(Token t)
    {
        var st = WatNumbers.ParseUnsigned(t.Text, 32, out ulong v);
        if (st == NumberStatus.OutOfRange) throw Error(t, "i32 constant out of range");
        if (st != NumberStatus.Ok) throw Error(t, $"unexpected token {t.Text}");
        return (uint)v;
    }

    /// <summary>Skips from a <c>(</c> to just past its matching <c>)</c>.</summary>
    public void SkipBalanced()
    {
        var open = Peek();
        int depth = 0;
        while (true)
        {
            var t = Next();
            if (t.Kind == TokenKind.LParen) depth++;
            else if (t.Kind == TokenKind.RParen)
            {
                depth--;
                if (depth == 0) return;
            }
            else if (t.Kind == TokenKind.Eof) throw Error(open, "unclosed parenthesis");
        }
    }
}
