using Kiln.Wasm.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Lexing;
using Kiln.Wasm.Text.Wast;

namespace Kiln.Wasm.Tests.Text;

public sealed class WastTests
{
    private const string Script = """
        ;; a small script with every command
        (module $M (func (export "id") (param i32) (result i32) local.get 0))
        (module binary "\00asm" "\01\00\00\00")
        (module $Q quote "(func" " (export \"q\"))")
        (register "m" $M)
        (invoke "id" (i32.const 1))
        (get $M "g")
        (assert_return (invoke $M "id" (i32.const -1)) (i32.const 0xffffffff))
        (assert_return (invoke "f" (f32.const 1) (f64.const -0x1p-1) (i64.const -1))
          (f32.const nan:canonical) (f64.const nan:arithmetic) (f32.const -nan:0x1) (i64.const 7))
        (assert_return (invoke "v" (v128.const i16x8 1 2 3 4 5 6 7 -1))
          (v128.const f32x4 1 nan:canonical -0 nan:arithmetic) (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1))
        (assert_return (invoke "r" (ref.null extern) (ref.extern 5)) (ref.null func) (ref.extern 5) (ref.extern) (ref.func))
        (assert_trap (invoke "t") "unreachable")
        (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
        (assert_exhaustion (invoke "loop") "call stack exhausted")
        (assert_malformed (module quote "(func (i32.const 0x))") "unknown operator")
        (assert_malformed (module binary "\00asm") "unexpected end")
        (assert_invalid (module (func (result i32))) "type mismatch")
        (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
        (assert_uninstantiable (module (func $s unreachable) (start $s)) "unreachable")
        """;

    [Fact]
    public void ParsesEveryCommandKind()
    {
        var s = WastParser.Parse(Script, "t.wast");
        Assert.Equal("t.wast", s.FileName);
        Assert.Equal(
            ["WastModuleCommand", "WastModuleCommand", "WastModuleCommand", "WastRegisterCommand", "WastActionCommand", "WastActionCommand",
             "WastAssertReturn", "WastAssertReturn", "WastAssertReturn", "WastAssertReturn", "WastAssertTrap", "WastAssertTrap",
             "WastAssertExhaustion", "WastAssertMalformed", "WastAssertMalformed", "WastAssertInvalid", "WastAssertUnlinkable", "WastAssertUninstantiable"],
            s.Commands.Select(c => c.GetType().Name).ToArray());
        Assert.Equal(2, s.Commands[0].Line);
        Assert.Equal(1, s.Commands[0].Column);
        Assert.Equal(21, s.Commands[^1].Line);
    }

    [Fact]
    public void ModuleForms()
    {
        var s = WastParser.Parse(Script, "t.wast");
        var text = ((WastModuleCommand)s.Commands[0]).Module;
        Assert.Equal(WastModuleKind.Text, text.Kind);
        Assert.Equal("$M", text.Name);
        Assert.Single(text.Module!.Functions);
        Assert.StartsWith("(module $M", text.SourceText);

        var bin = ((WastModuleCommand)s.Commands[1]).Module;
        Assert.Equal(WastModuleKind.Binary, bin.Kind);
        Assert.Equal(new byte[] { 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0 }, bin.Binary);
        Assert.Same(text.Module, text.GetModule(_ => throw new InvalidOperationException()));
        var decoded = new WasmModule();
        Assert.Same(decoded, bin.GetModule(_ => decoded));
        Assert.Empty(bin.GetModule().Functions); // the empty module, through the binary decoder

        var quote = ((WastModuleCommand)s.Commands[2]).Module;
        Assert.Equal(WastModuleKind.Quote, quote.Kind);
        Assert.Equal("$Q", quote.Name);
        Assert.Equal("q", quote.ParseQuote().Exports[0].Name);

        var malformed = ((WastAssertMalformed)s.Commands[13]).Module;
        Assert.Throws<WatParseException>(() => malformed.ParseQuote());
        Assert.Equal("unknown operator", ((WastAssertMalformed)s.Commands[13]).Message);

        var trap = (WastAssertTrap)s.Commands[11];
        Assert.Null(trap.Action);
        Assert.NotNull(trap.Module!.Module!.Start);
    }

    [Fact]
    public void ActionsAndValues()
    {
        var s = WastParser.Parse(Script, "t.wast");
        var reg = (WastRegisterCommand)s.Commands[3];
        Assert.Equal(("m", "$M"), (reg.As, reg.ModuleName));
        var get = ((WastActionCommand)s.Commands[5]).Action;
        Assert.Equal((WastActionKind.Get, "$M", "g"), (get.Kind, get.ModuleName, get.ExportName));

        var r1 = (WastAssertReturn)s.Commands[6];
        Assert.Equal("$M", r1.Action.ModuleName);
        Assert.Equal(WastValue.I32(-1), r1.Action.Args[0]);
        Assert.True(r1.Expected[0].Matches(WastValue.I32(-1)));

        var r2 = (WastAssertReturn)s.Commands[7];
        Assert.Equal([WastValue.F32Bits(0x3F800000), WastValue.F64Bits(0xBFE0000000000000), WastValue.I64(-1)], r2.Action.Args);
        Assert.Equal(WastExpectedKind.CanonicalNan, r2.Expected[0].Kind);
        Assert.Equal(ValType.F32, r2.Expected[0].Type);
        Assert.Equal(WastExpectedKind.ArithmeticNan, r2.Expected[1].Kind);
        Assert.Equal(ValType.F64, r2.Expected[1].Type);
        Assert.Equal(WastValue.F32Bits(0xFF800001), r2.Expected[2].Value);

        var r3 = (WastAssertReturn)s.Commands[8];
        Assert.Equal(WastValue.V128(0x0004000300020001, 0xFFFF000700060005), r3.Action.Args[0]);
        var lanes = r3.Expected[0];
        Assert.Equal(WastExpectedKind.V128Lanes, lanes.Kind);
        Assert.Equal(V128Shape.F32x4, lanes.Shape);
        Assert.Equal([WastLaneKind.Exact, WastLaneKind.CanonicalNan, WastLaneKind.Exact, WastLaneKind.ArithmeticNan], lanes.Lanes!.Select(l => l.Kind).ToArray());
        Assert.Equal(0x80000000UL, lanes.Lanes![2].Bits);
        Assert.Equal(WastValue.V128(0x0706050403020100, 0xFF0E0D0C0B0A0908), r3.Expected[1].Value);

        var r4 = (WastAssertReturn)s.Commands[9];
        Assert.Equal([WastValue.RefNull(ValType.ExternRef), WastValue.RefExtern(5)], r4.Action.Args);
        Assert.Equal(WastValue.RefNull(ValType.FuncRef), r4.Expected[0].Value);
        Assert.Equal(WastValue.RefExtern(5), r4.Expected[1].Value);
        Assert.Equal(WastExpectedKind.AnyExternRef, r4.Expected[2].Kind);
        Assert.Equal(WastExpectedKind.AnyFuncRef, r4.Expected[3].Kind);
    }

    [Fact]
    public void ExpectedValuesMatch()
    {
        var canon32 = new WastExpected { Kind = WastExpectedKind.CanonicalNan, Type = ValType.F32 };
        Assert.True(canon32.Matches(WastValue.F32Bits(0x7FC00000)));
        Assert.True(canon32.Matches(WastValue.F32Bits(0xFFC00000)));
        Assert.False(canon32.Matches(WastValue.F32Bits(0x7FC00001)));
        Assert.False(canon32.Matches(WastValue.F64Bits(0x7FF8000000000000)));
        var arith64 = new WastExpected { Kind = WastExpectedKind.ArithmeticNan, Type = ValType.F64 };
        Assert.True(arith64.Matches(WastValue.F64Bits(0x7FF8000000000001)));
        Assert.False(arith64.Matches(WastValue.F64Bits(0x7FF0000000000001))); // signalling
        Assert.False(arith64.Matches(WastValue.F64Bits(0x7FF0000000000000))); // infinity
        Assert.False(WastExpected.Exact(WastValue.F32Bits(0x7FC00000)).Matches(WastValue.F32Bits(0xFFC00000)));
        Assert.True(WastExpected.Exact(WastValue.RefNull(ValType.ExternRef)).Matches(WastValue.RefNull(ValType.ExternRef)));
        Assert.False(WastExpected.Exact(WastValue.RefNull(ValType.ExternRef)).Matches(WastValue.RefExtern(0)));
        Assert.False(WastExpected.Exact(WastValue.RefExtern(1)).Matches(WastValue.RefExtern(2)));
        var anyFunc = new WastExpected { Kind = WastExpectedKind.AnyFuncRef, Type = ValType.FuncRef };
        Assert.True(anyFunc.Matches(new WastValue(ValType.FuncRef, 3)));
        Assert.False(anyFunc.Matches(WastValue.RefNull(ValType.FuncRef)));
    }

    [Fact]
    public void BareModuleFieldsFormOneModule()
    {
        var s = WastParser.Parse("(func) (memory 0) (func (export \"f\"))", "inline.wast");
        var m = Assert.IsType<WastModuleCommand>(Assert.Single(s.Commands)).Module.Module!;
        Assert.Equal(2, m.Functions.Count);
    }

    [Fact]
    public void MalformedTextModuleInAssertMalformedIsKeptWithItsError()
    {
        var s = WastParser.Parse("(assert_malformed (module (func (i32.const 0x))) \"unknown operator\")", "x.wast");
        var def = ((WastAssertMalformed)s.Commands[0]).Module;
        Assert.Null(def.Module);
        Assert.NotNull(def.TextError);
        Assert.Throws<WatParseException>(() => def.GetModule(_ => new WasmModule()));
    }

    [Fact]
    public void QuoteWithInvalidUtf8IsMalformed()
    {
        var s = WastParser.Parse("(assert_malformed (module quote \"(func $\\ff)\") \"malformed UTF-8 encoding\")", "x.wast");
        Assert.Equal("malformed UTF-8 encoding", Assert.Throws<WatParseException>(() => ((WastAssertMalformed)s.Commands[0]).Module.ParseQuote()).Reason);
    }

    [Theory]
    [InlineData("(assert_frobnicate (invoke \"f\"))", 1, 2)]
    [InlineData("(module)\n  (assert_return (invoke \"f\") (i32.const))", 2, 41)]
    [InlineData("(module)\n(assert_return (invoke \"f\") (f32.const nan:wrong))", 2, 40)]
    [InlineData("(module)\n(assert_return (frob \"f\"))", 2, 17)]
    [InlineData("(module)\n(assert_trap (invoke \"f\"))", 2, 26)]
    [InlineData("(module (func (bogus)))", 1, 16)]
    [InlineData("module", 1, 1)]
    public void MalformedScriptsReportPositions(string text, int line, int column)
    {
        var e = Assert.Throws<WatParseException>(() => WastParser.Parse(text, "bad.wast"));
        Assert.Equal((line, column), (e.Line, e.Column));
    }
}
