using Kiln.Wasm.Text;

namespace Kiln.Wasm.Tests.Text;

/// <summary>Instruction syntax: folded and flat forms, immediates, labels, encodings.</summary>
public sealed class InstructionTests
{
    // The code of a function with the given body, defined after the prelude's fields.
    private static string Body(string body, string prelude = "")
    {
        var m = Wat.Parse($"(module {prelude} (func {body}))");
        return Wat.Code(m, m.Codes.Count - 1);
    }

    [Fact]
    public void FoldedEqualsFlat()
    {
        Wat.SameBinary(
            "(module (func (result i32) (i32.add (i32.const 1) (i32.mul (i32.const 2) (i32.const 3)))))",
            "(module (func (result i32) i32.const 1 i32.const 2 i32.const 3 i32.mul i32.add))");
        Wat.SameBinary(
            "(module (func (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))",
            "(module (func (param i32) (result i32) local.get 0 if (result i32) i32.const 1 else i32.const 2 end))");
        Wat.SameBinary(
            "(module (func (block $b (loop $l (br_if $l (i32.const 0)) (br $b)))))",
            "(module (func block $b loop $l i32.const 0 br_if $l br $b end $l end $b))");
    }

    [Fact]
    public void EmptyElseIsDropped()
    {
        Assert.Equal("410004400B", Body("(if (i32.const 0) (then) (else))"));
        Assert.Equal("410004400B", Body("i32.const 0 if else end"));
        Assert.Equal("410004400105010B", Body("i32.const 0 if nop else nop end"));
    }

    [Fact]
    public void BlockTypes()
    {
        Assert.Equal("02400B", Body("block end"));
        Assert.Equal("027F41000B", Body("block (result i32) i32.const 0 end"));
        var m = Wat.Parse("(module (type $t (func (result i32))) (func (block (type $t) (i32.const 0)) drop))");
        Assert.Equal("020041000B1A", Wat.Code(m)); // explicit type use stays an index (as in the reference interpreter)
    }

    [Fact]
    public void LabelsResolveToDepths()
    {
        Assert.Equal("0240024003400C020C010C000B0B0B", Body("(block $a (block $b (loop $c (br $a) (br $b) (br $c))))"));
        // Shadowing: the innermost binding wins.
        Assert.Equal("024002400C000B0B", Body("(block $a (block $a (br $a)))"));
        Assert.Equal("024002404100" + "0E02010000" + "0B0B", Body("(block $a (block $b (br_table $a $b 0 (i32.const 0))))"));
    }

    [Fact]
    public void LabelErrors()
    {
        Assert.Contains("unknown label", Wat.Fails("(module (func (block $a (br $b))))").Reason);
        Assert.Contains("mismatching label", Wat.Fails("(module (func block $a end $b))").Reason);
        Assert.Contains("mismatching label", Wat.Fails("(module (func block end $a))").Reason);
        Assert.Contains("mismatching label", Wat.Fails("(module (func i32.const 0 if $a else $b end))").Reason);
        Wat.Parse("(module (func i32.const 0 if $a else $a end $a))");
    }

    [Fact]
    public void MemoryArguments()
    {
        Assert.Equal("41002802001A", Body("(i32.load (i32.const 0)) drop"));
        Assert.Equal("4100280010", Body("(i32.load offset=16 align=1 (i32.const 0))", "(memory 1)"));
        Assert.Equal("410029038002", Body("(i64.load offset=0x100 (i32.const 0))", "(memory 1)"));
        Assert.Equal("41002D0000", Body("(i32.load8_u (i32.const 0))", "(memory 1)"));
        Assert.Contains("alignment", Wat.Fails("(module (memory 1) (func (drop (i32.load align=3 (i32.const 0)))))").Reason);
        Assert.Contains("alignment", Wat.Fails("(module (memory 1) (func (drop (i32.load align=0 (i32.const 0)))))").Reason);
        Assert.Contains("out of range", Wat.Fails("(module (memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0)))))").Reason);
        Wat.Fails("(module (memory 1) (func (drop (i32.load align=4 offset=0 (i32.const 0)))))");
    }

    [Fact]
    public void Constants()
    {
        Assert.Equal("417F", Body("i32.const 0xffffffff"));
        Assert.Equal("418080808078", Body("i32.const -2147483648"));
        Assert.Equal("427F", Body("i64.const -1"));
        Assert.Equal("430000C07F", Body("f32.const nan"));
        Assert.Equal("44000000000000F0FF", Body("f64.const -inf"));
        Assert.Contains("constant out of range", Wat.Fails("(module (func i32.const 4294967296 drop))").Reason);
        Assert.Contains("constant out of range", Wat.Fails("(module (func f32.const 1e39 drop))").Reason);
        Wat.Fails("(module (func i32.const 1.5 drop))");
    }

    [Fact]
    public void V128Constants()
    {
        Assert.Equal("FD0C" + "FF000102030405060708090A0B0C0D0E", Body("v128.const i8x16 -1 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14"));
        Assert.Equal("FD0C" + "FFFF0100" + "00800000" + "FFFFFFFF" + "00000000", Body("v128.const i16x8 -1 1 0x8000 0 -1 0xffff 0 0"));
        Assert.Equal("FD0C" + "0000803F" + "000080BF" + "0000C07F" + "0000807F", Body("v128.const f32x4 1 -1 nan inf"));
        Assert.Equal("FD0C" + "0100000000000000" + "FFFFFFFFFFFFFFFF", Body("v128.const i64x2 1 -1"));
        Assert.Equal("FD0C" + "000000000000F03F" + "0000000000000080", Body("v128.const f64x2 1 -0"));
        Assert.Equal("FD0C" + "01000000" + "02000000" + "03000000" + "04000000", Body("v128.const i32x4 1 2 3 4"));
        Assert.Contains("lane", Wat.Fails("(module (func v128.const i32x4 1 2 3 drop))").Reason);
        Assert.Contains("out of range", Wat.Fails("(module (func v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 drop))").Reason);
    }

    [Fact]
    public void SimdImmediates()
    {
        Assert.Equal("FD0D" + "000102030405060708090A0B0C0D0E1F", Body("i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31"));
        Assert.Equal("FD1503", Body("i8x16.extract_lane_s 3"));
        Assert.Equal("FD54000007", Body("v128.load8_lane 7", "(memory 1)"));
        Assert.Equal("FD5403000F", Body("v128.load8_lane align=8 15")); // too large for an 8-bit lane: the validator's job
        Assert.Equal("FD5C0208", Body("v128.load32_zero offset=8 align=4"));
        Assert.Contains("lane", Wat.Fails("(module (func i8x16.extract_lane_s 256))").Reason);
        Wat.Parse("(module (func i8x16.extract_lane_s 16))"); // out of range for the shape: the validator's job
    }

    [Fact]
    public void TypedSelectAndReferences()
    {
        Assert.Equal("1C017F", Body("select (result i32)"));
        Assert.Equal("1C00", Body("select (result)"));
        Assert.Equal("1B", Body("select"));
        Assert.Equal("D070D06F", Body("ref.null func ref.null extern"));
        Assert.Equal("D201", Body("ref.func $g", "(func $f) (func $g)"));
        Assert.Equal("D1", Body("ref.is_null"));
    }

    [Fact]
    public void CallIndirectForms()
    {
        const string prelude = "(type $v (func)) (table $t0 1 funcref) (table $t1 1 funcref)";
        Assert.Equal("110001", Body("call_indirect $t1 (type $v)", prelude));
        Assert.Equal("110000", Body("call_indirect", prelude));
        var m = Wat.Parse($"(module {prelude} (func (call_indirect (param i32) (result i64) (i32.const 0) (i32.const 0)) drop))");
        Assert.Equal(2, m.Types.Count);
        Assert.Equal("410041001101001A", Wat.Code(m, 0));
        Wat.Fails($"(module {prelude} (func (call_indirect (param $x i32) (i32.const 0))))");
    }

    [Fact]
    public void TableAndMemoryInstructionsWithOptionalIndices()
    {
        const string prelude = "(table $a 1 funcref) (table $b 1 funcref) (memory 1) (elem $e func) (data $d \"\")";
        Assert.Equal("2500", Body("table.get", prelude));
        Assert.Equal("2501", Body("table.get $b", prelude));
        Assert.Equal("FC0F01", Body("table.grow $b", prelude));
        Assert.Equal("FC1000", Body("table.size", prelude));
        Assert.Equal("FC0E0100", Body("table.copy $b $a", prelude));
        Assert.Equal("FC0E0000", Body("table.copy", prelude));
        Assert.Equal("FC0C0000", Body("table.init $e", prelude));
        Assert.Equal("FC0C0001", Body("table.init $b $e", prelude));
        Assert.Equal("FC0D00", Body("elem.drop $e", prelude));
        Assert.Equal("FC080000", Body("memory.init $d", prelude));
        Assert.Equal("FC0900", Body("data.drop $d", prelude));
        Assert.Equal("FC0A0000", Body("memory.copy", prelude));
        Assert.Equal("FC0B00", Body("memory.fill", prelude));
        Assert.Equal("3F00", Body("memory.size", prelude));
        Assert.Equal("4000", Body("memory.grow", prelude));
    }

    [Fact]
    public void DataCountFollowsUseOfDataIndices()
    {
        Assert.Null(Wat.Parse("(module (memory 1) (data \"x\"))").DataCount);
        Assert.Equal(1u, Wat.Parse("(module (memory 1) (data \"x\") (func (data.drop 0)))").DataCount);
    }

    [Fact]
    public void UnknownOperator()
    {
        var e = Wat.Fails("(module (func\n  (i32.frob)))");
        Assert.Contains("unknown operator", e.Reason);
        Assert.Equal((2, 4), (e.Line, e.Column));
        Wat.Fails("(module (func get_local 0))");
        Wat.Fails("(module (func (i32.add (i32.const 1) i32.const 2)))");
    }
}
