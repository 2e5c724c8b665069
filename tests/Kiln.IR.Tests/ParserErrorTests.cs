using Kiln.IR.Text;

namespace Kiln.IR.Tests;

public class ParserErrorTests
{
    private static IrParseException Fails(string text) => Assert.Throws<IrParseException>(() => Parser.ParseFunction(text));

    [Fact]
    public void UnknownOpcodeNamesLineAndColumn()
    {
        var e = Fails("function %f() {\nblock0:\n    v0 = frobnicate.i32 1\n    return\n}\n");
        Assert.Equal(3, e.Line);
        Assert.Equal(10, e.Column);
        Assert.Contains("frobnicate", e.Message);
        Assert.StartsWith("3:10:", e.Message);
    }

    [Fact]
    public void UndefinedValueIsReportedAtItsUse()
    {
        var e = Fails("function %f() -> i32 {\nblock0:\n    return v9\n}\n");
        Assert.Equal((3, 12), (e.Line, e.Column));
        Assert.Contains("v9", e.Reason);
    }

    [Fact]
    public void UndefinedBlock()
    {
        var e = Fails("function %f() {\nblock0:\n    jump block4\n}\n");
        Assert.Equal((3, 10), (e.Line, e.Column));
        Assert.Contains("block4", e.Reason);
    }

    [Fact]
    public void DuplicateValue()
    {
        var e = Fails("function %f() {\nblock0:\n    v0 = iconst.i32 1\n    v0 = iconst.i32 2\n    return\n}\n");
        Assert.Equal((4, 5), (e.Line, e.Column));
        Assert.Contains("twice", e.Reason);
    }

    [Fact]
    public void MissingTypeSuffix()
    {
        var e = Fails("function %f(i32) {\nblock0(v0: i32):\n    v1 = iadd v0, v0\n    return\n}\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("type suffix", e.Reason);
    }

    [Fact]
    public void WrongResultCount()
    {
        var e = Fails("function %f(i32) {\nblock0(v0: i32):\n    v1, v2 = iadd.i32 v0, v0\n    return\n}\n");
        Assert.Equal((3, 5), (e.Line, e.Column));
        Assert.Contains("1 result", e.Reason);
    }

    [Fact]
    public void I32ConstantOutOfRange()
    {
        var e = Fails("function %f() {\nblock0:\n    v0 = iconst.i32 4294967296\n    return\n}\n");
        Assert.Equal((3, 21), (e.Line, e.Column));
    }

    [Fact]
    public void BadTrapCode()
    {
        var e = Fails("function %f() {\nblock0:\n    trap sometimes\n}\n");
        Assert.Equal((3, 10), (e.Line, e.Column));
        Assert.Contains("trap code", e.Reason);
    }

    [Fact]
    public void UnexpectedCharacter()
    {
        var e = Fails("function %f() {\nblock0:\n    return @\n}\n");
        Assert.Equal((3, 12), (e.Line, e.Column));
    }

    [Fact]
    public void UnterminatedFunction()
    {
        var e = Fails("function %f() {\nblock0:\n    return\n");
        Assert.Equal(4, e.Line);
        Assert.Contains("'}'", e.Reason);
    }
}
