using Kiln.Runtime;

namespace Kiln.Runtime.Tests.Components;

/// <summary>WAVE text ↔ component values, directed by the parameter types of a component function.</summary>
public sealed class WaveTests
{
    // One function per type; each lifts a core function of the type's flattening that is never called.
    private const string Types = """
        (component
          (core module $M
            (memory (export "mem") 1)
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0))
            (func (export "i1") (param i32))
            (func (export "i2") (param i32 i32))
            (func (export "i3") (param i32 i32 i32))
            (func (export "i4") (param i32 i32 i32 i32))
            (func (export "f") (param f64))
            (func (export "i64") (param i64)))
          (core instance $i (instantiate $M))
          (type $r' (record (field "a" u32) (field "b" (option string))))
          (export $r "r" (type $r'))
          (type $v' (variant (case "none" u32) (case "x")))
          (export $v "v" (type $v'))
          (type $fl' (flags "read" "write"))
          (export $fl "fl" (type $fl'))
          (type $e' (enum "north" "south"))
          (export $e "e" (type $e'))
          (func (export "string") (param "x" string) (canon lift (core func $i "i2") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (func (export "list") (param "x" (list u32)) (canon lift (core func $i "i2") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (func (export "map") (param "x" (map string u32)) (canon lift (core func $i "i2") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (func (export "record") (param "x" $r) (canon lift (core func $i "i4") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (func (export "variant") (param "x" $v) (canon lift (core func $i "i2")))
          (func (export "flags") (param "x" $fl) (canon lift (core func $i "i1")))
          (func (export "enum") (param "x" $e) (canon lift (core func $i "i1")))
          (func (export "option") (param "x" (option u32)) (canon lift (core func $i "i2")))
          (func (export "result") (param "x" (result string (error u32))) (canon lift (core func $i "i3") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (func (export "tuple") (param "x" (tuple u32 char)) (canon lift (core func $i "i2")))
          (func (export "char") (param "x" char) (canon lift (core func $i "i1")))
          (func (export "f64") (param "x" f64) (canon lift (core func $i "f")))
          (func (export "s64") (param "x" s64) (canon lift (core func $i "i64")))
          (func (export "bool") (param "x" bool) (canon lift (core func $i "i1"))))
        """;

    private static readonly ComponentInstance Instance = Make();

    private static ComponentInstance Make()
    {
        var engine = new Engine();
        return new ComponentLinker(engine).Instantiate(new Store(engine), Kiln.Runtime.Component.FromText(engine, Types));
    }

    [Theory]
    [InlineData("string", "\"hi\"")]
    [InlineData("string", "\"tab\\tquote\\\"nl\\n ☃ 😀\"")]
    [InlineData("list", "[1, 2, 3]")]
    [InlineData("list", "[]")]
    [InlineData("map", "[(\"a\", 1), (\"b\", 2), (\"a\", 3)]")]
    [InlineData("map", "[]")]
    [InlineData("record", "{a: 1, b: some(\"x\")}")]
    [InlineData("record", "{a: 1}")]
    [InlineData("variant", "%none(3)")]
    [InlineData("variant", "x")]
    [InlineData("flags", "{read, write}")]
    [InlineData("flags", "{}")]
    [InlineData("enum", "south")]
    [InlineData("option", "some(3)")]
    [InlineData("option", "none")]
    [InlineData("result", "ok(\"x\")")]
    [InlineData("result", "err(7)")]
    [InlineData("tuple", "(1, 'x')")]
    [InlineData("char", "'\\''")]
    [InlineData("f64", "1.5")]
    [InlineData("f64", "-inf")]
    [InlineData("f64", "nan")]
    [InlineData("s64", "-9223372036854775808")]
    [InlineData("bool", "true")]
    public void CanonicalTextRoundTrips(string func, string text) =>
        Assert.Equal(text, Wave.Format(Instance.GetFunc(func)!.ParseParameter(0, text)));

    [Theory]
    [InlineData("option", "3", "some(3)")]
    [InlineData("result", "\"bare\"", "ok(\"bare\")")]
    [InlineData("record", "{b: \"y\", a: 2,}", "{a: 2, b: some(\"y\")}")]
    [InlineData("record", "{a: 2, b: none}", "{a: 2}")]
    [InlineData("flags", "{write, read}", "{read, write}")]
    [InlineData("list", " [ 1 , 2 ] // comment", "[1, 2]")]
    [InlineData("char", "'\\u{1F600}'", "'😀'")]
    [InlineData("map", "[ (\"a\" , 1 ,) , ]", "[(\"a\", 1)]")]
    public void OtherSpellingsParseToTheSameValue(string func, string text, string canonical) =>
        Assert.Equal(canonical, Wave.Format(Instance.GetFunc(func)!.ParseParameter(0, text)));

    [Theory]
    [InlineData("variant", "none(3)", "keyword")]
    [InlineData("variant", "y", "not a case")]
    [InlineData("record", "{b: \"y\"}", "field 'a' is missing")]
    [InlineData("record", "{a: 1, a: 2}", "given twice")]
    [InlineData("flags", "{exec}", "not a flag")]
    [InlineData("list", "[1, -2]", "not a u32")]
    [InlineData("list", "[1, 2", "expected ']'")]
    [InlineData("string", "\"open", "unterminated")]
    [InlineData("bool", "yes", "true or false")]
    [InlineData("tuple", "(1)", "expected ','")]
    [InlineData("map", "[(\"a\")]", "expected ','")]
    [InlineData("map", "[\"a\", 1]", "expected '('")]
    [InlineData("s64", "1 2", "after the value")]
    public void MistakesAreWaveExceptionsSayingWhere(string func, string text, string why)
    {
        var e = Assert.Throws<WaveException>(() => Instance.GetFunc(func)!.ParseParameter(0, text));
        Assert.StartsWith("column ", e.Message, StringComparison.Ordinal);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFunctionTypeIsWrittenAsInWit() =>
        Assert.Equal("func(x: result<string, u32>)", Instance.GetFunc("result")!.TypeText);

    [Fact]
    public void AMapTypeIsWrittenAsInWit() =>
        Assert.Equal("func(x: map<string, u32>)", Instance.GetFunc("map")!.TypeText);
}
