using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Wasm.Tests.Text;

public sealed class LexerTests
{
    private static Token[] Lex(string s) => WatLexer.Tokenize(s);

    [Fact]
    public void ClassifiesTokensAndRecordsPositions()
    {
        var t = Lex("(module $m\n  (func i32.const -1 0x10 \"s\" A=))");
        Assert.Equal(
            [TokenKind.LParen, TokenKind.Keyword, TokenKind.Id, TokenKind.LParen, TokenKind.Keyword, TokenKind.Keyword,
             TokenKind.Number, TokenKind.Number, TokenKind.String, TokenKind.Reserved, TokenKind.RParen, TokenKind.RParen, TokenKind.Eof],
            t.Select(x => x.Kind).ToArray());
        Assert.Equal("$m", t[2].Text);
        Assert.Equal((1, 9), (t[2].Line, t[2].Column));
        Assert.Equal((2, 3), (t[3].Line, t[3].Column));
        Assert.Equal((2, 9), (t[5].Line, t[5].Column));
    }

    [Fact]
    public void SkipsLineAndNestedBlockComments()
    {
        var t = Lex("a ;; line ( \n (; outer (; inner ;) still ;) b");
        Assert.Equal(["a", "b", ""], t.Select(x => x.Text).ToArray());
        Assert.Equal(2, t[1].Line);
    }

    [Theory]
    [InlineData("a ;; comment\n b")]
    [InlineData("a ;; comment\r b")]
    [InlineData("a ;; comment\r\n b")]
    public void LineCommentsEndAtAnyNewline(string text) =>
        Assert.Equal(["a", "b", ""], Lex(text).Select(x => x.Text).ToArray());

    [Fact]
    public void CommentsDelimitTokens()
    {
        Assert.Equal(4, Lex("(func;;bla\n)").Length);
        Assert.Equal(["nop", "x", ""], Lex("nop(;c;)x").Select(x => x.Text).ToArray());
    }

    [Fact]
    public void SkipsAnnotations()
    {
        var t = Lex("(func (@name \"f\" (nested \")\")) nop)");
        Assert.Equal(["(", "func", "nop", ")", ""], t.Select(x => x.Text).ToArray());
    }

    [Theory]
    [InlineData("\"\\n\\t\\r\\\\\\'\\\"\"", new byte[] { 10, 9, 13, 92, 39, 34 })]
    [InlineData("\"\\00\\ff\\7F\"", new byte[] { 0, 255, 127 })]
    [InlineData("\"\\u{41}\\u{e9}\\u{1F600}\"", new byte[] { 0x41, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80 })]
    [InlineData("\"é\"", new byte[] { 0xC3, 0xA9 })]
    [InlineData("\"\"", new byte[0])]
    public void DecodesStringEscapes(string source, byte[] expected)
    {
        var t = Lex(source);
        Assert.Equal(TokenKind.String, t[0].Kind);
        Assert.Equal(expected, t[0].Bytes);
    }

    [Theory]
    [InlineData("\"\\q\"")]
    [InlineData("\"\\u{D800}\"")]
    [InlineData("\"\\u{110000}\"")]
    [InlineData("\"\\u{}\"")]
    [InlineData("\"\\f\"")]
    [InlineData("\"abc")]
    [InlineData("\"a\tb\"")]
    public void RejectsBadStrings(string source) => Assert.Throws<WatParseException>(() => Lex(source));

    [Theory]
    [InlineData("\"a\"\"b\"")]
    [InlineData("$l\"a\"")]
    [InlineData("\"a\"x")]
    [InlineData("0\"a\"")]
    [InlineData("a;b")]
    [InlineData("(; unclosed")]
    [InlineData("{")]
    public void RejectsGluedOrIllegalInput(string source) => Assert.Throws<WatParseException>(() => Lex(source));

    [Fact]
    public void GluedIdsAndNumbersStayOneToken()
    {
        // "0$l" is one reserved-looking run: the parser rejects it as a number, not as 0 followed by $l.
        var t = Lex("0$l $l$l");
        Assert.Equal(["0$l", "$l$l"], t.Take(2).Select(x => x.Text).ToArray());
    }

    [Fact]
    public void QuotedIdentifier()
    {
        var t = Lex("$\"a b\"");
        Assert.Equal(TokenKind.Id, t[0].Kind);
        Assert.Equal("$a b", t[0].Text);
    }

    [Fact]
    public void ErrorsCarryLineAndColumn()
    {
        var e = Assert.Throws<WatParseException>(() => Lex("(module\n   \"\\z\")"));
        Assert.Equal(2, e.Line);
        Assert.Equal(6, e.Column); // the character after the backslash
    }
}
