namespace Kiln.Wasm.Tests.Text;

/// <summary>Each text-format abbreviation must produce exactly the module its explicit form does.</summary>
public sealed class AbbreviationTests
{
    [Fact]
    public void InlineExports() => Wat.SameBinary(
        "(module (func $f (export \"a\") (export \"b\")) (table (export \"t\") 1 funcref) (memory (export \"m\") 1) (global (export \"g\") i32 (i32.const 0)))",
        "(module (func $f) (export \"a\" (func $f)) (export \"b\" (func $f)) (table 1 funcref) (export \"t\" (table 0)) (memory 1) (export \"m\" (memory 0)) (global i32 (i32.const 0)) (export \"g\" (global 0)))");

    [Fact]
    public void InlineImports() => Wat.SameBinary(
        "(module (func $f (import \"m\" \"f\") (param i32)) (table (import \"m\" \"t\") 1 2 funcref) (memory (import \"m\" \"mem\") 1) (global (import \"m\" \"g\") (mut i64)))",
        "(module (import \"m\" \"f\" (func $f (param i32))) (import \"m\" \"t\" (table 1 2 funcref)) (import \"m\" \"mem\" (memory 1)) (import \"m\" \"g\" (global (mut i64))))");

    [Fact]
    public void InlineImportWithExport() => Wat.SameBinary(
        "(module (func (export \"e\") (import \"m\" \"f\")))",
        "(module (import \"m\" \"f\" (func)) (export \"e\" (func 0)))");

    [Fact]
    public void TableWithInlineElements() => Wat.SameBinary(
        "(module (func $f) (func $g) (table $t funcref (elem $f $g $f)))",
        "(module (func $f) (func $g) (table $t 3 3 funcref) (elem (table $t) (offset (i32.const 0)) func $f $g $f))");

    [Fact]
    public void TableWithInlineElementExpressions() => Wat.SameBinary(
        "(module (table externref (elem (ref.null extern) (item ref.null extern))))",
        "(module (table 2 2 externref) (elem (table 0) (i32.const 0) externref (ref.null extern) (ref.null extern)))");

    [Fact]
    public void MemoryWithInlineData()
    {
        Wat.SameBinary("(module (memory (data \"hello\" \" world\")))", "(module (memory 1 1) (data (memory 0) (offset (i32.const 0)) \"hello world\"))");
        Wat.SameBinary("(module (memory (data)))", "(module (memory 0 0) (data (i32.const 0)))");
        var m = Wat.Parse($"(module (memory (data \"{new string('x', 65537)}\")))");
        Assert.Equal(2UL, m.Memories[0].Limits.Min);
    }

    [Fact]
    public void ImplicitTypeUse() => Wat.SameBinary(
        "(module (func (param i32) (result i32) local.get 0))",
        "(module (type (func (param i32) (result i32))) (func (type 0) (param i32) (result i32) local.get 0))");

    [Fact]
    public void TypeUseReusesFirstMatchingType()
    {
        var m = Wat.Parse("(module (type (func)) (type $t (func (param i32))) (type (func (param i32))) (func (param $x i32)) (func (type $t)))");
        Assert.Equal(3, m.Types.Count);
        Assert.Equal([1u, 1u], m.Functions);
    }

    [Fact]
    public void ImplicitTypesAreAppendedAfterExplicitOnesInOrderOfUse()
    {
        var m = Wat.Parse("(module (func (param i64)) (func (result f32) (block (param i32) (result i64) (unreachable))) (type $e (func)))");
        Assert.Equal(["[] -> []", "[i64] -> []", "[] -> [f32]", "[i32] -> [i64]"], m.Types.Select(t => t.ToString()).ToArray());
        Assert.Equal([1u, 2u], m.Functions);
        Assert.Equal("0203" + "00" + "0B", Wat.Code(m, 1)); // block type index 3, unreachable, end
    }

    [Fact]
    public void ParamsWithNamesAndGroups() => Wat.SameBinary(
        "(module (func (param $a i32) (param i64 f32) (local $x f64) (local i32 i32) local.get $a local.get $x drop drop))",
        "(module (func (param i32 i64 f32) (local f64 i32 i32) local.get 0 local.get 3 drop drop))");

    [Fact]
    public void ElementSegmentForms()
    {
        const string funcs = "(func $f) (func $g) (table $t 10 funcref) (table $u 10 externref)";
        Wat.SameBinary($"(module {funcs} (elem (i32.const 0) $f $g))", $"(module {funcs} (elem (table 0) (offset i32.const 0) func 0 1))");
        Wat.SameBinary($"(module {funcs} (elem (table $t) (i32.const 1) funcref (ref.func $f) (item (ref.func $g))))", $"(module {funcs} (elem (table 0) (offset (i32.const 1)) func $f $g))");
        Wat.SameBinary($"(module {funcs} (elem func $f))", $"(module {funcs} (elem funcref (ref.func $f)))");
        Wat.SameBinary($"(module {funcs} (elem declare func $f))", $"(module {funcs} (elem declare funcref (item ref.func $f)))");
        Wat.SameBinary($"(module {funcs} (elem (table $u) (i32.const 0) externref (ref.null extern)))", $"(module {funcs} (elem (table 1) (offset i32.const 0) externref (item (ref.null extern))))");

        var m = Wat.Parse($"(module {funcs} (elem $p funcref (ref.null func) (ref.func $g)) (elem declare func $g) (elem (table $u) (i32.const 2) externref))");
        Assert.Equal(Model.SegmentMode.Passive, m.Elements[0].Mode);
        Assert.NotNull(m.Elements[0].Expressions);
        Assert.Equal(Model.SegmentMode.Declarative, m.Elements[1].Mode);
        Assert.Equal([1u], m.Elements[1].FunctionIndices!);
        Assert.Equal(1u, m.Elements[2].TableIndex);
        Assert.Equal(Model.ValType.ExternRef, m.Elements[2].ElementType);
        Assert.Empty(m.Elements[2].Expressions!);
    }

    [Fact]
    public void DataSegmentForms()
    {
        Wat.SameBinary("(module (memory 1) (data (i32.const 8) \"ab\" \"c\"))", "(module (memory 1) (data (memory 0) (offset i32.const 8) \"abc\"))");
        var m = Wat.Parse("(module (memory $m 1) (data $d \"\\00\\ff\") (data (memory $m) (i32.const 0)))");
        Assert.Equal(Model.SegmentMode.Passive, m.Data[0].Mode);
        Assert.Equal(new byte[] { 0, 255 }, m.Data[0].Data.ToArray());
        Assert.Equal(Model.SegmentMode.Active, m.Data[1].Mode);
    }

    [Fact]
    public void GlobalInitializersFlatOrFolded() => Wat.SameBinary(
        "(module (global i32 (i32.add (i32.const 1) (i32.const 2))))",
        "(module (global i32 i32.const 1 i32.const 2 i32.add))");

    [Fact]
    public void ModuleWrapperIsOptional() => Wat.SameBinary("(func) (memory 1)", "(module (func) (memory 1))");
}
