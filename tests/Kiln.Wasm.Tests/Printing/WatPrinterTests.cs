using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Printing;

namespace Kiln.Wasm.Tests.Printing;

public class WatPrinterTests
{
    [Fact]
    public void Empty_module()
    {
        Assert.Equal("(module)\n", WatPrinter.Print(new WasmModule()));
    }

    /// <summary>Every construct at once; the text is what wabt accepts (see <see cref="WabtRoundTripTests"/>).</summary>
    [Fact]
    public void Every_construct()
    {
        const string expected = """
        (module
          (type (;0;) (func (param i32 i32) (result i32)))
          (type (;1;) (func))
          (type (;2;) (func (param i32) (result i32 i64)))
          (type (;3;) (func (result f32 f64 v128)))
          (import "env" "add" (func (;0;) (type 0) (param i32 i32) (result i32)))
          (import "env" "tab" (table (;0;) 2 funcref))
          (import "env" "mem" (memory (;0;) 1 2))
          (import "env" "g\"q\\" (global (;0;) i64))
          (import "env" "base" (global (;1;) i32))
          (func (;1;) (type 0) (param i32 i32) (result i32)
            (local i32 i32 i32 f64)
            block (result i32)  ;; label = @1
              local.get 0
              if  ;; label = @2
                br 0 (;@2;)
              else
                unreachable
              end
              local.get 0
              loop (type 2) (param i32) (result i32 i64)  ;; label = @2
                local.get 2
                br_if 0 (;@2;)
                i64.const -9223372036854775808
              end
              drop
              local.get 1
              br_table 0 (;@1;) 1 (;@0;) 0 (;@1;)
            end
            local.get 0
            local.get 1
            call 0
            local.tee 2
            i32.const 0
            call_indirect (type 0)
            drop
            local.get 2
            local.get 3
            i32.const -1
            select (result i32)
            return)
          (func (;2;) (type 3) (result f32 f64 v128)
            i32.const 0
            i32.load
            i64.load8_s offset=16
            drop
            i32.const 4
            i32.load offset=4 align=1
            drop
            i32.const 8
            f64.const 0x1.8p+0
            f64.store offset=4294967295 align=4
            memory.size
            memory.grow
            drop
            i32.const 0
            i32.const 0
            i32.const 0
            memory.init 0
            data.drop 1
            i32.const 0
            i32.const 0
            i32.const 0
            memory.copy
            i32.const 0
            i32.const 0
            i32.const 0
            memory.fill
            i32.const 0
            i32.const 0
            i32.const 0
            table.init 2 1
            i32.const 0
            i32.const 0
            i32.const 0
            table.init 0
            elem.drop 2
            i32.const 0
            i32.const 0
            i32.const 0
            table.copy 0 2
            i32.const 0
            i32.const 0
            i32.const 0
            table.copy
            i32.const 0
            table.get 1
            ref.is_null
            drop
            ref.null extern
            drop
            ref.func 1
            i32.const 1
            table.grow 2
            drop
            table.size 0
            drop
            global.get 3
            global.set 3
            f32.const 0x1.99999ap-4
            f64.const nan:0x4000000000000
            f32.const -nan
            drop
            f64.const -0x0p+0
            drop
            v128.const i32x4 0x00000001 0x00000002 0x00000003 0xffffffff
            v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
            i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31
            i32x4.extract_lane 3
            drop
            v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
            f64.const 0x0p+0
            f64x2.replace_lane 1
            i32.const 0
            v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
            v128.load16_lane 7
            drop
            i32.const 0
            v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
            v128.load32_lane offset=8 align=1 2
            i32x4.add
            i32.const 0
            v128.load
            i8x16.swizzle)
          (func (;3;) (type 1))
          (table (;1;) 1 10 externref)
          (table (;2;) 0 funcref)
          (global (;2;) i32 (i32.const -7))
          (global (;3;) (mut f32) (f32.const 0x1.8p+1))
          (global (;4;) funcref (ref.func 2))
          (global (;5;) i64 (global.get 0))
          (export "f" (func 1))
          (export "mem" (memory 0))
          (export "tab\0a" (table 2))
          (export "g" (global 2))
          (start 3)
          (elem (;0;) (i32.const 0) func 1 2)
          (elem (;1;) func 2)
          (elem (;2;) (table 2) (i32.const 0) func 0)
          (elem (;3;) declare func 1)
          (elem (;4;) (global.get 1) funcref (ref.null func) (ref.func 0))
          (elem (;5;) externref (ref.null extern))
          (elem (;6;) (table 1) (i32.const 1) externref (ref.null extern))
          (elem (;7;) declare funcref (ref.null func))
          (data (;0;) (i32.const 16) "hi \"x\"\\\00\0a\c3\bf")
          (data (;1;) "\01\02\03"))
        """;
        Assert.Equal(expected + "\n", WatPrinter.Print(SampleModules.Everything()));
    }

    [Fact]
    public void TextWriter_overload_writes_the_same_text()
    {
        var m = SampleModules.Everything();
        var sw = new StringWriter();
        WatPrinter.Print(m, sw);
        Assert.Equal(WatPrinter.Print(m), sw.ToString());
    }

    [Fact]
    public void Names_become_ids_only_when_valid_and_unique()
    {
        string text = WatPrinter.Print(SampleModules.Named());
        Assert.StartsWith("(module $my-mod\n", text);
        Assert.Contains("(import \"m\" \"imp\" (func $imported (type 0) (param i32 i64)))", text);
        Assert.Contains("(func $first (type 0) (param $a i32) (param i64)\n    (local $x f32) (local f32)\n    local.get $a\n    local.get $x", text);
        Assert.Contains("(func (;2;) (type 0) (param i32 i64)", text);                               // "has space"
        Assert.Contains("(func (;3;) (type 0) (param i32) (param $b i64)\n    (local f32) (local $y f32)", text); // duplicate "first"
        Assert.Contains("(func (;4;) (type 0) (param i32 i64)", text);                               // "π"
        Assert.Contains("call $imported)", text);
        Assert.Contains("call $first)", text);
        Assert.Contains("call 2)", text);
        Assert.DoesNotContain("\"name\"", text);
    }

    [Fact]
    public void Names_can_be_turned_off()
    {
        string text = WatPrinter.Print(SampleModules.Named(), new WatPrinterOptions { UseNames = false });
        Assert.DoesNotContain("$", text);
        Assert.Contains("(func (;1;) (type 0) (param i32 i64)", text);
    }

    [Fact]
    public void Offsets_prefix_each_instruction_and_constant_expression()
    {
        var m = new WasmModule();
        m.Types.Add(FuncType.Empty);
        m.Functions.Add(0);
        m.Codes.Add(new FunctionBody
        {
            Locals = [],
            Code = new Code().Op(Opcode.Block).Byte(0x40).Op(Opcode.Nop).Op(Opcode.End).Op(Opcode.I32Const).S32(300).Op(Opcode.Drop).End(),
            CodeOffset = 0x1a0,
        });
        m.Globals.Add(new Global(new GlobalType(ValType.I32, false), new ConstExpr(new Code().I32Const(1).End(), 0x40)));
        string text = WatPrinter.Print(m, new WatPrinterOptions { ShowOffsets = true });
        Assert.Equal("""
            (module
              (type (;0;) (func))
              (func (;0;) (type 0)
                (;@1a0;) block  ;; label = @1
                  (;@1a2;) nop
                (;@1a3;) end
                (;@1a4;) i32.const 300
                (;@1a7;) drop)
              (global (;0;) i32 ((;@40;) i32.const 1)))

            """, text);
    }

    [Fact]
    public void Decimal_float_style()
    {
        var m = new WasmModule();
        m.Types.Add(new FuncType([], [ValType.F32, ValType.F64, ValType.F32]));
        m.Functions.Add(0);
        m.Codes.Add(Code.Body(new Code()
            .Op(Opcode.F32Const).F32(0x3DCCCCCD).Op(Opcode.F64Const).F64(0x3FB999999999999A).Op(Opcode.F32Const).F32(0x7FA00000).End()));
        string text = WatPrinter.Print(m, new WatPrinterOptions { FloatStyle = WatFloatStyle.Decimal });
        Assert.Contains("f32.const 0.1\n    f64.const 0.1\n    f32.const nan:0x200000)", text);
        string hex = WatPrinter.Print(m);
        Assert.Contains("f32.const 0x1.99999ap-4\n    f64.const 0x1.999999999999ap-4\n    f32.const nan:0x200000)", hex);
    }

    [Fact]
    public void Indent_and_label_comments_are_options()
    {
        var m = new WasmModule();
        m.Types.Add(FuncType.Empty);
        m.Functions.Add(0);
        m.Codes.Add(Code.Body(new Code().Op(Opcode.Loop).Byte(0x40).Op(Opcode.Br, 0).Op(Opcode.End).End()));
        string text = WatPrinter.Print(m, new WatPrinterOptions { LabelComments = false, Indent = "\t" });
        Assert.Equal("(module\n\t(type (;0;) (func))\n\t(func (;0;) (type 0)\n\t\tloop\n\t\t\tbr 0\n\t\tend))\n", text);
    }

    [Fact]
    public void Closing_paren_moves_below_a_line_comment()
    {
        var m = new WasmModule();
        m.CustomSections.Add(new CustomSection("producers", new byte[7], 0));
        Assert.Equal("(module\n  ;; custom section \"producers\", 7 bytes\n)\n", WatPrinter.Print(m));
    }

    [Fact]
    public void Block_types_print_as_result_or_type_use()
    {
        var m = new WasmModule();
        m.Types.Add(FuncType.Empty);
        m.Types.Add(new FuncType([ValType.I64], [ValType.I64, ValType.I64]));
        m.Functions.Add(0);
        m.Codes.Add(Code.Body(new Code()
            .Op(Opcode.Block).Byte(0x40).Op(Opcode.End)
            .Op(Opcode.Block).Byte(0x7B).Op(Opcode.Unreachable).Op(Opcode.End).Op(Opcode.Drop)
            .Op(Opcode.I64Const).S64(1).Op(Opcode.If).S64(1).Op(Opcode.Else).Op(Opcode.End).Op(Opcode.Drop).Op(Opcode.Drop)
            .Op(Opcode.Block).S64(7).Op(Opcode.End) // an out-of-range type index still prints
            .End()));
        string text = WatPrinter.Print(m, new WatPrinterOptions { LabelComments = false });
        Assert.Contains("    block\n    end\n    block (result v128)\n      unreachable\n    end\n", text);
        Assert.Contains("    if (type 1) (param i64) (result i64 i64)\n    else\n    end\n", text);
        Assert.Contains("    block (type 7)\n    end)", text);
    }

    [Fact]
    public void Invalid_indices_print_as_they_are()
    {
        var m = new WasmModule();
        m.Functions.Add(5); // no such type
        m.Codes.Add(Code.Body(new Code().Op(Opcode.Call, 9).Op(Opcode.LocalGet, 4).End()));
        m.Exports.Add(new Export("x", ExternalKind.Func, 12));
        string text = WatPrinter.Print(m);
        Assert.Contains("(func (;0;) (type 5)\n    call 9\n    local.get 4)", text);
        Assert.Contains("(export \"x\" (func 12))", text);
    }

    [Fact]
    public void Malformed_code_raises_the_decoder_error()
    {
        var m = new WasmModule();
        m.Types.Add(FuncType.Empty);
        m.Functions.Add(0);
        m.Codes.Add(Code.Body([0xFF, 0x0B]));
        Assert.Throws<Kiln.Wasm.Binary.WasmDecodeException>(() => WatPrinter.Print(m));
    }

    [Fact]
    public void Data_strings_escape_every_non_printable_byte()
    {
        var all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte)i;
        var m = new WasmModule();
        m.Data.Add(new DataSegment { Mode = SegmentMode.Passive, Data = all });
        string text = WatPrinter.Print(m);
        Assert.Contains("\"\\00\\01", text);
        Assert.Contains("\\1f !\\\"#", text);          // space and ! as is, quote escaped
        Assert.Contains("[\\\\]", text);                // backslash escaped
        Assert.Contains("}~\\7f\\80", text);
        Assert.EndsWith("\\fe\\ff\"))\n", text);
    }

    [Fact]
    public void Element_and_data_segments_keep_explicit_indices()
    {
        var m = new WasmModule();
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Active, TableIndex = 0, Encoding = 2, Offset = Code.I32Expr(3), FunctionIndices = [] });
        m.Elements.Add(new ElementSegment
        {
            Mode = SegmentMode.Active, TableIndex = 0, FunctionIndices = [],
            // Extended constant expressions (several instructions) use the keyword forms.
            Offset = new Code().I32Const(1).I32Const(2).Op(Opcode.I32Add).Expr(),
        });
        m.Elements.Add(new ElementSegment
        {
            Mode = SegmentMode.Passive, Expressions = [new Code().I32Const(1).Op(Opcode.Drop).Op(Opcode.RefFunc, 0).Expr()],
        });
        m.Data.Add(new DataSegment { Mode = SegmentMode.Active, MemoryIndex = 1, Offset = Code.I32Expr(0), Data = "a"u8.ToArray() });
        m.Globals.Add(new Global(new GlobalType(ValType.I32, false), new Code().I32Const(1).I32Const(2).Op(Opcode.I32Mul).Expr()));
        string text = WatPrinter.Print(m);
        Assert.Contains("(elem (;0;) (table 0) (i32.const 3) func)", text);
        Assert.Contains("(elem (;1;) (offset i32.const 1 i32.const 2 i32.add) func)", text);
        Assert.Contains("(elem (;2;) funcref (item i32.const 1 drop ref.func 0))", text);
        Assert.Contains("(data (;0;) (memory 1) (i32.const 0) \"a\")", text);
        Assert.Contains("(global (;0;) i32 i32.const 1 i32.const 2 i32.mul)", text);
    }
}
