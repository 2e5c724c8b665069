using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Printing;
using Kiln.Wasm.Validation;

namespace Kiln.Wasm.Tests.ExceptionHandling;

/// <summary>The exception-handling proposal (Wasm 3.0) in the front end: tag section, tag imports and exports,
/// exnref, throw, throw_ref and try_table through text, binary, printing and validation.</summary>
public class ExceptionHandlingFrontEndTests
{
    private const string Sample = """
        (module
          (import "m" "t" (tag $imported (param i64)))
          (tag $e (export "e") (param i32 f64))
          (tag $empty)
          (global $g (mut i32) (i32.const 0))
          (func (export "f") (param i32) (result i32 f64)
            (local $x exnref)
            (block $h (result i32 f64)
              (block $r (result i32 f64 exnref)
                (block $all
                  (block $allr (result exnref)
                    (try_table (catch $e $h) (catch_ref $e $r) (catch_all $all) (catch_all_ref $allr)
                      (throw $e (local.get 0) (f64.const 1.5)))
                    (unreachable))
                  (local.set $x)
                  (throw_ref (local.get $x)))
                (throw $imported (i64.const 3)))
              (drop)
              (return))))
        """;

    private static WasmModule Parse(string wat) => WatParser.ParseModule(wat);

    [Fact]
    public void TextParsesIntoTagsImportsAndExports()
    {
        var m = Parse(Sample);
        Assert.Equal(2, m.Tags.Count);
        Assert.Equal(1, m.ImportedTagCount);
        Assert.Equal(3, m.TotalTagCount);
        Assert.Equal(ExternalKind.Tag, m.Imports[0].Kind);
        Assert.Contains(m.Exports, e => e.Name == "e" && e.Kind == ExternalKind.Tag && e.Index == 1);
        Assert.Equal([ValType.I32, ValType.F64], m.Types[(int)m.TagTypeIndex(1)].Params);
        ModuleValidator.Validate(m);
    }

    [Fact]
    public void BinaryRoundTripKeepsEverythingAndPutsTheTagSectionBeforeGlobals()
    {
        var m = Parse(Sample);
        var bytes = ModuleEncoder.Encode(m);
        var back = ModuleDecoder.Decode(bytes);
        Assert.Null(ModuleComparer.FirstDifference(m, back));
        Assert.Equal(bytes, ModuleEncoder.Encode(back));
        // Section ids in order of appearance: the tag section (13) comes right before the global section (6).
        var ids = SectionIds(bytes);
        Assert.Equal(ids.IndexOf(6) - 1, ids.IndexOf(13));
    }

    [Fact]
    public void ATagSectionAfterTheGlobalSectionIsMalformed()
    {
        byte[] bytes = [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0,
            1, 4, 1, 0x60, 0, 0,              // type section: [] -> []
            6, 6, 1, 0x7F, 0, 0x41, 0, 0x0B,  // global section: i32 0
            13, 3, 1, 0, 0];                  // tag section after it
        var e = Assert.Throws<WasmDecodeException>(() => ModuleDecoder.Decode(bytes));
        Assert.Contains("unexpected content after last section", e.Message);
    }

    [Fact]
    public void PrinterShowsTagsAndCatchClauses()
    {
        var text = WatPrinter.Print(ModuleDecoder.Decode(ModuleEncoder.Encode(Parse(Sample))));
        Assert.Contains("(import \"m\" \"t\" (tag (;0;) (type", text);
        Assert.Contains("(tag (;1;) (type", text);
        Assert.Contains("(export \"e\" (tag 1))", text);
        Assert.Contains("try_table (catch 1 3", text);
        Assert.Contains("(catch_ref 1 2", text);
        Assert.Contains("(catch_all 1", text);
        Assert.Contains("(catch_all_ref 0", text);
        Assert.Contains("throw_ref", text);
        // What the printer wrote parses back to the same module.
        Assert.Null(ModuleComparer.FirstDifference(Parse(Sample), Parse(text)));
    }

    [Theory]
    [InlineData("(module (func (throw 0)))", "unknown tag 0")]
    [InlineData("(module (tag (param i32)) (func (throw 0)))", "type mismatch")]
    [InlineData("(module (tag (result i32)))", "non-empty tag result type")]
    [InlineData("(module (import \"\" \"\" (tag (result i32))))", "non-empty tag result type")]
    [InlineData("(module (func (throw_ref)))", "type mismatch")]
    [InlineData("(module (tag) (func (try_table (catch_ref 0 0))))", "type mismatch")]
    [InlineData("(module (func (result exnref) (try_table (catch_all 0)) (unreachable)))", "type mismatch")]
    [InlineData("(module (tag (param i64)) (func (result i32 exnref) (try_table (result i32) (catch_ref 0 0) (i32.const 42))))", "type mismatch")]
    [InlineData("(module (tag) (func (try_table (catch 0 1))))", "unknown label 1")]
    [InlineData("(module (export \"t\" (tag 0)))", "unknown tag 0")]
    public void ValidationRejects(string wat, string reason)
    {
        var e = Assert.Throws<WasmValidationException>(() => ModuleValidator.Validate(Parse(wat)));
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void CatchLabelsCountFromOutsideTheTryTable()
    {
        // Label 0 of a catch is the block around the try_table, not the try_table itself.
        ModuleValidator.Validate(Parse("(module (tag (param i32)) (func (result i32) (block (result i32) (try_table (catch 0 0) (unreachable)) (unreachable))))"));
        ModuleValidator.Validate(Parse("(module (tag (param i32)) (func (result i32) (try_table (result i32) (catch 0 0) (i32.const 1))))"));
    }

    [Fact]
    public void LegacyExceptionHandlingIsRefusedClearly()
    {
        var text = Assert.ThrowsAny<KilnException>(() => Parse("(module (tag) (func (try (do) (catch 0))))"));
        Assert.Contains(LegacyExceptions.Refusal, text.Message);
        // try (0x06) in a binary body.
        byte[] bytes = [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0,
            1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0,
            10, 7, 1, 5, 0, 0x06, 0x40, 0x0B, 0x0B];
        var e = Assert.Throws<WasmDecodeException>(() => ModuleValidator.Validate(ModuleDecoder.Decode(bytes)));
        Assert.Contains(LegacyExceptions.Refusal, e.Message);
    }

    [Fact]
    public void ExnrefIsAReferenceTypeWithANullValue()
    {
        var m = Parse("(module (func (result i32) (ref.is_null (ref.null exn))) (func (param (ref null exn)) (result exnref) (local.get 0)))");
        ModuleValidator.Validate(m);
        Assert.Equal([ValType.ExnRef], m.Types[(int)m.Functions[1]].Params);
        Assert.Contains("ref.null exn", WatPrinter.Print(m));
    }

    private static List<int> SectionIds(byte[] bytes)
    {
        var ids = new List<int>();
        var r = new WasmReader(bytes, 0) { Position = 8 };
        while (!r.AtEnd)
        {
            ids.Add(r.ReadByte());
            uint size = r.ReadU32();
            r.Position += (int)size;
        }
        return ids;
    }
}
