using Kiln.Compiler.Driver;
using Kiln.Compiler.Translate;
using Kiln.Compiler.Traps;
using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.IR.Passes;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Tests.Translate;

/// <summary>Translator behaviour beyond the golden texts: every instruction, dead code, SIMD refusal, source offsets.</summary>
public class TranslatorTests
{
    private static string TypeName(ValType t) => t.ToText();

    /// <summary>Every non-SIMD instruction with a fixed stack signature and no immediate (or a memarg), alone in a
    /// function whose parameters feed it, translates, verifies and survives the verified pipeline.</summary>
    [Fact]
    public void EveryFixedSignatureInstructionTranslates()
    {
        int count = 0;
        foreach (var info in OpcodeTable.All)
        {
            if (info.Params is null || info.Results is null || info.Prefix == 0xFD ||
                info.Immediate is not (ImmediateKind.None or ImmediateKind.MemArg))
            {
                continue;
            }
            var ps = string.Join(' ', info.Params.Select(TypeName));
            var rs = string.Join(' ', info.Results.Select(TypeName));
            var gets = string.Concat(Enumerable.Range(0, info.Params.Length).Select(i => $" (local.get {i})"));
            var wat = $"(module (memory 1) (func (param {ps}) (result {rs}) ({info.Name}{gets})))";
            var t = Wat.Translate(wat);
            PassManager.Default(verify: true).Run(t.Functions[0]);
            count++;
        }
        Assert.True(count > 150, $"only {count} instructions swept");
    }

    [Theory]
    [InlineData("i32.rem_s", "srem.i32")]
    [InlineData("i64.div_u", "udiv.i64")]
    [InlineData("i32.rotl", "rotl.i32")]
    [InlineData("f32.min", "fmin.f32")]
    [InlineData("f64.copysign", "fcopysign.f64")]
    [InlineData("f64.ne", "fcmp.f64 ne")]
    [InlineData("i64.le_u", "icmp.i64 ule")]
    public void BinaryInstructionsMapOntoOneIrOpcode(string wasm, string ir)
    {
        var type = wasm[..3];
        var result = wasm.Contains(".ne") || wasm.Contains("le_u") ? "i32" : type;
        var s = Wat.Ir($"(module (func (param {type} {type}) (result {result}) ({wasm} (local.get 0) (local.get 1))))");
        Assert.Contains($" = {ir} v1, v2", s);
    }

    [Theory]
    [InlineData("i32.trunc_f64_s", "f64", "i32", "fcvt_to_sint.i32")]
    [InlineData("i64.trunc_sat_f32_u", "f32", "i64", "fcvt_to_uint_sat.i64")]
    [InlineData("i64.extend_i32_u", "i32", "i64", "uextend.i64")]
    [InlineData("i32.wrap_i64", "i64", "i32", "ireduce.i32")]
    [InlineData("f32.demote_f64", "f64", "f32", "fdemote.f32")]
    [InlineData("i64.extend32_s", "i64", "i64", "sext32.i64")]
    [InlineData("f64.reinterpret_i64", "i64", "f64", "bitcast.f64")]
    [InlineData("f32.nearest", "f32", "f32", "nearest.f32")]
    public void ConversionsMapOntoOneIrOpcode(string wasm, string from, string to, string ir)
    {
        var s = Wat.Ir($"(module (func (param {from}) (result {to}) ({wasm} (local.get 0))))");
        Assert.Contains($" = {ir} v1", s);
    }

    [Fact]
    public void DeadCodeIsSkippedWithoutTypes()
    {
        // After br/unreachable the operand stack is polymorphic; none of it may be translated.
        var t = Wat.Translate("""
            (module (memory 1) (func (param i32) (result i32)
              (block (result i32)
                (br 0 (i32.const 1))
                (i32.add)
                (if (result i64) (then (unreachable)) (else (i64.const 2)))
                (drop)
                (loop (br 0))
                (i32.load))
              (block
                (return (local.get 0))
                (block (br_table 0 1 (i32.const 0))))
              (unreachable)))
            """);
        var s = t.Functions[0].ToString();
        Assert.DoesNotContain("iadd", s);
        Assert.DoesNotContain("load", s.Replace("stack_limit = param0, load 8, load 0", ""));
        Assert.DoesNotContain("trap ", s);
    }

    [Fact]
    public void ElseArmRestartsReachabilityAndIfWithoutElsePassesParams()
    {
        var t = Wat.Translate("""
            (module (func (param i32 i64) (result i64)
              (local.get 1)
              (if (param i64) (result i64) (local.get 0)
                (then (return (i64.const 9))))
              (if (result i64) (local.get 0) (then (unreachable)) (else (i64.const 3)))
              (i64.add)
              (loop (param i64) (result i64)
                (br_if 0 (i64.eqz (i64.const 0)))
                (i64.add (i64.const 1)))))
            """);
        var s = t.Functions[0].ToString();
        Assert.Contains("trap unreachable", s);
        Assert.Contains("return", s);
    }

    [Fact]
    public void TablesAndReferencesTranslate()
    {
        var t = Wat.Translate("""
            (module
              (table $t 4 funcref) (table $e 2 externref)
              (elem $seg func $f)
              (func $f (param externref) (result i32)
                (table.set $t (i32.const 1) (ref.func $f))
                (table.set $e (i32.const 0) (local.get 0))
                (drop (table.grow $t (ref.null func) (i32.const 2)))
                (table.fill $t (i32.const 0) (table.get $t (i32.const 1)) (i32.const 2))
                (table.copy $t $t (i32.const 0) (i32.const 1) (i32.const 1))
                (table.init $t $seg (i32.const 0) (i32.const 0) (i32.const 1))
                (elem.drop $seg)
                (i32.add (table.size $e) (ref.is_null (table.get $e (i32.const 1))))))
            """);
        var s = t.Functions[0].ToString();
        // ref.func $f is vmctx + the offset of f's VMFuncRef.
        var m = Wat.Parse("(module (table 4 funcref) (table 2 externref) (func))");
        Assert.Contains($"iconst.iptr {new VmContextLayout(m).FuncRefOffset(0)}", s);
        Assert.Contains(WasmTrap.TableOutOfBounds.Code().Name(), s);
        Assert.Contains("eqz.iptr", s);
    }

    [Fact]
    public void BulkMemoryTranslates()
    {
        var t = Wat.Translate("""
            (module (memory 1) (data $d "abc")
              (func
                (memory.copy (i32.const 0) (i32.const 1) (i32.const 2))
                (memory.init $d (i32.const 0) (i32.const 1) (i32.const 2))
                (data.drop $d)))
            """);
        var s = t.Functions[0].ToString();
        // memory.copy checks its two ranges inline (then a native memmove); memory.init traps on its builtin's status.
        Assert.Equal(3, CountOf(s, "trapnz"));
        Assert.Equal(2, CountOf(s, "icmp.iptr ugt"));
        Assert.Contains("load.iptr notrap v0\n", s); // the builtins table, at vmctx+0
    }

    [Fact]
    public void SimdIsRefusedClearly()
    {
        var m = Wat.Parse("(module (func (result i32) (i32x4.extract_lane 0 (v128.const i64x2 1 2))))");
        var tr = new FunctionTranslator(new ModuleEnvironment(m, new VmContextLayout(m)));
        var e = Assert.Throws<SimdNotSupportedException>(() => tr.Translate(0));
        Assert.Contains("SIMD", e.Message);

        var withLocal = Wat.Parse("(module (func (local v128)))");
        var e2 = Assert.Throws<SimdNotSupportedException>(
            () => new FunctionTranslator(new ModuleEnvironment(withLocal, new VmContextLayout(withLocal))).Translate(0));
        Assert.Contains("SIMD", e2.Message);

        // The translator stays usable after refusing a function.
        var ok = Wat.Parse("(module (func (result i32) (i32.const 1)))");
        Assert.NotNull(new FunctionTranslator(new ModuleEnvironment(ok, new VmContextLayout(ok))).Translate(0));
        Assert.Throws<SimdNotSupportedException>(() => tr.Translate(0));
    }

    [Fact]
    public void InstructionsRecordTheirWasmOffsets()
    {
        var m = Wat.Parse("(module (memory 1) (func (param i32) (result i32) (i32.div_s (i32.load (local.get 0)) (local.get 0))))");
        var f = new FunctionTranslator(new ModuleEnvironment(m, new VmContextLayout(m))).Translate(0);
        var body = m.Codes[0];
        var reader = new InstructionReader(body.Code.Span, body.CodeOffset);
        int loadAt = -1, divAt = -1;
        while (!reader.AtEnd)
        {
            var ins = reader.Read();
            if (ins.Opcode == Kiln.Wasm.Instructions.Opcode.I32Load)
            {
                loadAt = ins.Offset;
            }
            if (ins.Opcode == Kiln.Wasm.Instructions.Opcode.I32DivS)
            {
                divAt = ins.Offset;
            }
        }
        foreach (var b in f.Layout.Blocks)
        {
            foreach (var inst in f.Layout.Insts(b))
            {
                var op = f.Dfg[inst].Opcode;
                int loc = f.SourceLocs.Get(inst);
                Assert.True(loc >= 0, $"{op} has no source offset");
                if (op == Kiln.IR.Opcode.Load && f.Dfg[inst].Trap == TrapCode.HeapOutOfBounds)
                {
                    Assert.Equal(loadAt, loc);
                }
                if (op == Kiln.IR.Opcode.Sdiv)
                {
                    Assert.Equal(divAt, loc);
                }
            }
        }
    }

    [Fact]
    public void OneTranslatorServesManyFunctions()
    {
        var m = Wat.Parse("""
            (module (memory 1) (global (mut i32) (i32.const 0))
              (func (result i32) (i32.load (global.get 0)))
              (func (result i32) (i32.load (i32.const 4)))
              (func (result i32) (global.get 0)))
            """);
        var tr = new FunctionTranslator(new ModuleEnvironment(m, new VmContextLayout(m)));
        for (uint i = 0; i < 3; i++)
        {
            Wat.AssertVerifies(tr.Translate(i));
        }
        // Per-function caches must not leak: function 2 needs no memory base.
        Assert.DoesNotContain("v0+32", tr.Translate(2).ToString());
    }

    private static int CountOf(string s, string what)
    {
        int n = 0;
        for (int i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }
}
