using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Tests.Text;

/// <summary>Identifiers in every index space: forward references, errors for unknown and duplicate ids,
/// import ordering, and the names the parser records.</summary>
public sealed class IdentifierTests
{
    [Fact]
    public void ForwardReferencesResolveInEverySpace()
    {
        var m = Wat.Parse("""
            (module
              (func $a (call $b) (global.get $g) drop (table.get $t (i32.const 0)) drop (elem.drop $e) (data.drop $d)
                (drop (memory.size)) (call_indirect $t (type $ty) (i32.const 0)))
              (func $b)
              (export "b" (func $b)) (export "t" (table $t)) (export "m" (memory $m)) (export "g" (global $g))
              (start $b)
              (type $ty (func))
              (table $t 1 funcref)
              (memory $m 1)
              (global $g i32 (i32.const 0))
              (elem $e func $a)
              (data $d ""))
            """);
        Assert.Equal(1u, m.Start);
        Assert.Equal([new Export("b", ExternalKind.Func, 1), new Export("t", ExternalKind.Table, 0), new Export("m", ExternalKind.Memory, 0), new Export("g", ExternalKind.Global, 0)], m.Exports);
        Assert.Equal("1001" + "2300" + "1A" + "41002500" + "1A" + "FC0D00" + "FC0900" + "3F00" + "1A" + "4100110000", Wat.Code(m));
    }

    [Fact]
    public void ImportsComeFirstInIndexSpaces()
    {
        var m = Wat.Parse("(module (import \"m\" \"f\" (func $imp)) (func $def) (func (call $def) (call $imp)))");
        Assert.Equal("10011000", Wat.Code(m, 1));
        Assert.Equal(1, m.ImportedFunctionCount);
    }

    [Theory]
    [InlineData("(module (func (call $nope)))", "unknown function $nope")]
    [InlineData("(module (func (global.get $g)))", "unknown global $g")]
    [InlineData("(module (func (local.get $x)))", "unknown local $x")]
    [InlineData("(module (func (table.size $t)))", "unknown table $t")]
    [InlineData("(module (func (memory.size $m)))", "unknown memory $m")]
    [InlineData("(module (func (elem.drop $e)))", "unknown elem segment $e")]
    [InlineData("(module (func (data.drop $d)))", "unknown data segment $d")]
    [InlineData("(module (func (type $t)))", "unknown type $t")]
    [InlineData("(module (export \"x\" (func $f)))", "unknown function $f")]
    [InlineData("(module (start $f))", "unknown function $f")]
    [InlineData("(module (func $f) (func $f))", "duplicate function $f")]
    [InlineData("(module (import \"a\" \"b\" (func $f)) (func $f))", "duplicate function $f")]
    [InlineData("(module (global $g i32 (i32.const 0)) (global $g i32 (i32.const 0)))", "duplicate global $g")]
    [InlineData("(module (type $t (func)) (type $t (func)))", "duplicate type $t")]
    [InlineData("(module (memory $m 1) (memory $m 1))", "duplicate memory $m")]
    [InlineData("(module (table $t 1 funcref) (table $t 1 funcref))", "duplicate table $t")]
    [InlineData("(module (elem $e func) (elem $e func))", "duplicate elem segment $e")]
    [InlineData("(module (data $d) (data $d))", "duplicate data segment $d")]
    [InlineData("(module (func (param $x i32) (local $x i32)))", "duplicate local $x")]
    [InlineData("(module (func (param $x i32) (param $x i64)))", "duplicate local $x")]
    [InlineData("(module (func) (import \"a\" \"b\" (func)))", "import after function")]
    [InlineData("(module (global i32 (i32.const 0)) (import \"a\" \"b\" (memory 1)))", "import after global")]
    [InlineData("(module (table 1 funcref) (func (import \"a\" \"b\")))", "import after table")]
    [InlineData("(module (memory 1) (global (import \"a\" \"b\") i32))", "import after memory")]
    [InlineData("(module (start 0) (start 0))", "multiple start sections")]
    [InlineData("(module (type $t (func (param i32))) (func (type $t) (param i64)))", "inline function type does not match the type definition")]
    [InlineData("(module (func (type 3) (param i32)))", "unknown type")]
    public void Errors(string text, string reason) => Assert.Equal(reason, Wat.Fails(text).Reason);

    [Fact]
    public void ExplicitTypeUseCountsItsParamsBeforeLocals()
    {
        var m = Wat.Parse("(module (type $t (func (param i32 i64))) (func (type $t) (local $l f32) (local.get $l) drop) (func (type $t) (param $a i32) (param $b i64) (local.get $b) drop))");
        Assert.Equal("20021A", Wat.Code(m, 0));
        Assert.Equal("20011A", Wat.Code(m, 1));
        Assert.Single(m.Types);
    }

    [Fact]
    public void NumericIndicesAreLeftToTheValidator()
    {
        var m = Wat.Parse("(module (func (call 7) (local.get 9) drop (global.get 3) drop) (func (type 5)))");
        Assert.Equal("1007" + "2009" + "1A" + "2303" + "1A", Wat.Code(m));
        Assert.Equal(5u, m.Functions[1]);
    }

    [Fact]
    public void ErrorsNameThePosition()
    {
        var e = Wat.Fails("(module\n  (func\n    (call $missing)))");
        Assert.Equal((3, 11), (e.Line, e.Column));
    }

    [Fact]
    public void ImportsAfterOnlyTypesOrExportsAreFine()
    {
        Wat.Parse("(module (type (func)) (export \"f\" (func 0)) (import \"a\" \"b\" (func)))");
    }

    [Fact]
    public void RecordsModuleFunctionAndLocalNames()
    {
        var m = Wat.Parse("(module $mod (import \"a\" \"b\" (func $imp)) (func $f (param $p i32) (param i64) (local $l f32)) (func))");
        var names = m.Names!;
        Assert.Equal("mod", names.ModuleName);
        Assert.Equal("imp", names.FunctionNames[0]);
        Assert.Equal("f", names.FunctionNames[1]);
        Assert.False(names.FunctionNames.ContainsKey(2));
        Assert.Equal(new Dictionary<uint, string> { [0] = "p", [2] = "l" }, names.LocalNames[1]);
    }

    [Fact]
    public void ModulesWithoutIdsHaveNoNames() => Assert.Null(Wat.Parse("(module (func (param i32)))").Names);

    [Fact]
    public void NamesSurviveABinaryRoundTrip()
    {
        var m = Wat.Parse("(module $m (func $f (param $x i32) (local $y i64)) (func $g))");
        var decoded = ModuleDecoder.Decode(ModuleEncoder.Encode(m));
        Assert.Null(ModuleComparer.FirstDifference(m, decoded));
    }

    [Fact]
    public void BlockParamsAndCallIndirectParamsCannotBeNamed()
    {
        Wat.Fails("(module (func (block (param $x i32) (drop))))");
        Wat.Fails("(module (table 1 funcref) (func (call_indirect (param $x i32) (i32.const 0) (i32.const 0))))");
    }

    [Fact]
    public void ExportAndImportNamesMustBeUtf8()
    {
        Assert.Equal("malformed UTF-8 encoding", Wat.Fails("(module (func (export \"\\ff\")))").Reason);
        Assert.Equal("malformed UTF-8 encoding", Wat.Fails("(module (import \"\\c0\\80\" \"f\" (func)))").Reason);
        Wat.Parse("(module (memory 1) (data (i32.const 0) \"\\ff\\c0\"))"); // data is bytes
    }
}
