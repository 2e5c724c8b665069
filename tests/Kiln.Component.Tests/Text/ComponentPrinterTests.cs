using Kiln.Component.Binary;
using Kiln.Component.Text.Printing;
using Kiln.Component.Tests.Binary;
using static Kiln.Component.Tests.Binary.Bytes;

namespace Kiln.Component.Tests.Text;

/// <summary>The printer's text for hand-built components (no jco in CI; the suite test checks jco assembles it back).</summary>
public class ComponentPrinterTests
{
    [Fact]
    public void DefinitionsPrintInBinaryOrderWithIdsFromTheNameSection()
    {
        var bytes = ComponentOf(
            Vec(7, B(0x40, 0x00, 0x01, 0x00), [0x72, 0x01, .. Name("a"), 0x7f]),
            Vec(10, [0x02, .. Name("i"), 0x01, 0x00, .. Name("a:b/c"), 0x01, 0x00]),
            Vec(8, B(0x01, 0x00, 0x00, 0x02, 0x03, 0x00, 0x01), B(0x02, 0x01), B(0x20, 0x01, 0x00)),
            Vec(11, [0x00, .. Name("e"), 0x01, 0x00, 0x01, 0x01, 0x00]),
            Section(0, [.. Name("component-name"), 0x01, 0x06, 0x03, 0x01, 0x00, .. Name("ft"), 0x01, 0x05, 0x01, 0x01, 0x00, .. Name("f")]));
        string text = ComponentPrinter.Print(ComponentDecoder.Decode(bytes));
        string[] expected =
        [
            "(component",
            "  (type $ft (func))",
            "  (type (;1;) (record (field \"a\" bool)))",
            "  (import \"i\" (implements \"a:b/c\") (func $f (type 0)))",
            "  (core func (;0;) (canon lower (func 0) (memory 0) string-encoding=utf16))",
            "  (core func (;1;) (canon resource.new 1))",
            "  (core func (;2;) (canon waitable-set.wait cancellable (memory 0)))",
            "  (export (;1;) \"e\" (func 0) (func (type 0))))",
        ];
        Assert.Equal(string.Join("\n", expected) + "\n", text);
    }

    [Fact]
    public void NestedCoreModulesPrintThroughWatPrinterUnderTheirLabel()
    {
        string text = ComponentPrinter.Print(ComponentDecoder.Decode(ComponentOf(Section(1, EmptyModule), Vec(2, B(0x00, 0x00, 0x00)))));
        Assert.Equal("(component\n  (core module (;0;))\n  (core instance (;0;) (instantiate 0)))\n", text);
    }

    [Fact]
    public void IdsThatAreNotIdcharsAreQuoted()
    {
        Assert.Equal("$a-b", ComponentPrinter.Id("a-b"));
        Assert.Equal("$\"a b\"", ComponentPrinter.Id("a b"));
        Assert.Equal("\"q\\\"\\5c\\0a\"".Replace("\\5c", "\\\\"), ComponentPrinter.Quote("q\"\\\n"));
    }
}
