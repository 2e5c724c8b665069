using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;
using static Kiln.Wasm.Tests.Binary.Bin;

namespace Kiln.Wasm.Tests.Binary;

/// <summary>
/// <see cref="ModuleDecoder.DecodeTrusted"/> (an artifact's own module section, vouched for by its digest) decodes the
/// same module as the full decoder, and differs only in not scanning function bodies instruction by instruction.
/// </summary>
public sealed class TrustedDecodeTests
{
    [Fact]
    public void A_well_formed_module_decodes_the_same_either_way()
    {
        byte[] wasm = ModuleEncoder.Encode(WatParser.ParseModule("""
            (module
              (import "env" "f" (func $f (param i32) (result i32)))
              (memory 1) (table 2 funcref) (global $g (mut i64) (i64.const 7))
              (data (i32.const 8) "kiln") (elem (i32.const 0) $a $b)
              (func $a (export "a") (param i32) (result i32) (local i64 f32)
                (block (result i32) (loop (br_if 1 (local.get 0) (i32.const 1))) (i32.const 2)))
              (func $b (param i32) (result i32) (call $f (i32.add (local.get 0) (i32.const 1)))))
            """));
        var full = ModuleDecoder.Decode(wasm);
        var trusted = ModuleDecoder.DecodeTrusted(wasm, WasmFeatures.Default);
        Assert.Null(ModuleComparer.FirstDifference(full, trusted));
        for (int i = 0; i < full.Codes.Count; i++)
        {
            Assert.Equal(full.Codes[i].CodeOffset, trusted.Codes[i].CodeOffset);
            Assert.True(full.Codes[i].Code.Span.SequenceEqual(trusted.Codes[i].Code.Span));
        }
    }

    [Fact]
    public void Only_the_body_scan_is_skipped()
    {
        // A body whose instructions are garbage (0xFF is no opcode, and no final end): the full decoder refuses it,
        // the trusted one takes the bytes as they are. The section and local structure are still checked by both.
        byte[] garbage = Module([.. Funcs(1), Code(Body(NoLocals, 0xFF, 0xFF))]);
        Assert.Throws<WasmDecodeException>(() => ModuleDecoder.Decode(garbage));
        var trusted = ModuleDecoder.DecodeTrusted(garbage, WasmFeatures.Default);
        Assert.Equal([0xFF, 0xFF], trusted.Codes[0].Code.ToArray());

        byte[] badSection = Module([.. Funcs(1), Section(SectionId.Code, 0x01, 0x05, 0x00)]);
        Assert.Throws<WasmDecodeException>(() => ModuleDecoder.DecodeTrusted(badSection, WasmFeatures.Default));
    }
}
