using Kiln.Component.Wit;
using Kiln.Component.Wit.Parsing;

namespace Kiln.Component.Tests.Wit;

public class WitLexerTests
{
    private static List<WitToken> Lex(string text)
    {
        var lexer = new WitLexer(text, "t.wit");
        var list = new List<WitToken>();
        for (var t = lexer.Next(); t.Kind != WitTokenKind.End; t = lexer.Next()) list.Add(t);
        return list;
    }

    [Fact]
    public void KeywordsIdentifiersAndOperatorsAreTokens()
    {
        var t = Lex("interface my-iface { f: func(a: u32) -> %interface; }");
        Assert.Equal(WitTokenKind.Keyword, t[0].Kind);
        Assert.Equal((WitTokenKind.Id, "my-iface"), (t[1].Kind, t[1].Text));
        Assert.Equal("->", t[^4].Text);
        Assert.Equal((WitTokenKind.Id, "interface"), (t[^3].Kind, t[^3].Text));
    }

    [Fact]
    public void DocCommentsAttachToTheNextTokenAndPlainCommentsDoNot()
    {
        var t = Lex("// plain\n/// first\n/// second\n/* block /* nested */ still */ record r {}\n/** block doc */ x");
        Assert.Equal("first\nsecond", t[0].Docs);
        Assert.Equal("block doc", t[^1].Docs);
    }

    [Fact]
    public void LocationsAreOneBasedLineAndColumn()
    {
        var t = Lex("package a:b;\n\n  interface");
        Assert.Equal(new WitLocation("t.wit", 3, 3), t[^1].Location);
    }

    [Theory]
    [InlineData("fooBar")]
    [InlineData("a--b")]
    [InlineData("a-1b")]
    public void NonKebabIdentifiersAreRefused(string id)
    {
        var e = Assert.Throws<WitException>(() => Lex(id));
        Assert.Equal(WitErrorKind.Syntax, e.Kind);
        Assert.Equal(1, e.Location!.Value.Line);
    }

    [Fact]
    public void UnterminatedBlockCommentNamesWhereItStarted()
    {
        var e = Assert.Throws<WitException>(() => Lex("a\n  /* never closed"));
        Assert.Equal((2, 3), (e.Location!.Value.Line, e.Location.Value.Column));
    }

    [Fact]
    public void ControlCharactersAndBidiOverridesAreRefused()
    {
        Assert.Throws<WitException>(() => Lex("a \u202e b"));
        Assert.Throws<WitException>(() => Lex("a \u0001 b"));
    }
}
