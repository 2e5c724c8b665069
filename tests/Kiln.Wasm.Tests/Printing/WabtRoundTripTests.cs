using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Printing;

namespace Kiln.Wasm.Tests.Printing;

/// <summary>
/// Printed text checked against the reference assembler (wabt's wat2wasm). These tests fail when wabt is not
/// installed — CI must install it — rather than skip.
/// </summary>
public class WabtRoundTripTests
{
    public static TheoryData<string> Corpus() => new(WatCorpus.All.Keys);

    public static TheoryData<string, int> CorpusWithStyles()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in WatCorpus.All.Keys)
        {
            for (int style = 0; style < 3; style++) data.Add(name, style);
        }
        return data;
    }

    private static readonly WatPrinterOptions[] Styles =
    [
        WatPrinterOptions.Default,
        new() { FloatStyle = WatFloatStyle.Decimal },
        new() { ShowOffsets = true, LabelComments = false, Indent = "\t" },
    ];

    /// <summary>wat2wasm(print(decode(wat2wasm(source)))) is byte for byte wat2wasm(source).</summary>
    [Theory]
    [MemberData(nameof(CorpusWithStyles))]
    public void Corpus_prints_back_to_the_same_bytes(string name, int style)
    {
        string source = WatCorpus.All[name];
        var original = Wabt.Wat2Wasm(source);
        var module = ModuleDecoder.Decode(original);
        string text = WatPrinter.Print(module, Styles[style]);
        var again = Wabt.Wat2Wasm(text);
        Assert.True(original.AsSpan().SequenceEqual(again), $"bytes differ for {name}:\n{text}");
    }

    /// <summary>
    /// With wabt's --debug-names the name section must come back too. Only function, local and module names
    /// are in the model, so the source names nothing else (wabt would write type or label names as well).
    /// </summary>
    [Fact]
    public void Names_print_back_to_the_same_name_section()
    {
        var original = Wabt.Wat2Wasm(WatCorpus.Names, debugNames: true);
        var module = ModuleDecoder.Decode(original);
        string text = WatPrinter.Print(module);
        Assert.Contains("(func $with.dots/and:colons! (type 1) (param $p0 i32) (param i64)", text);
        var again = Wabt.Wat2Wasm(text, debugNames: true);
        Assert.True(original.AsSpan().SequenceEqual(again), $"bytes differ:\n{text}");
    }

    /// <summary>Modules built through the model: the text assembles and decodes back to the same module.</summary>
    [Fact]
    public void Model_built_modules_assemble_to_the_same_module()
    {
        foreach (var m in new[] { SampleModules.Everything(), SampleModules.Named() })
        {
            string text = WatPrinter.Print(m);
            var bytes = Wabt.Wat2Wasm(text, debugNames: m.Names is not null);
            var back = ModuleDecoder.Decode(bytes);
            // The text format has no data count section; wabt writes one whenever bulk memory needs it.
            back.DataCount = m.DataCount;
            // Names the printer refused (invalid or duplicate ids) are lost by design; compare the rest.
            if (m.Names is not null) m.Names = KeptNames(m);
            // wabt writes an empty local map for every function; the model need not.
            foreach (var (f, locals) in back.Names?.LocalNames ?? []) if (locals.Count == 0) back.Names!.LocalNames.Remove(f);
            Assert.True(ModuleComparer.FirstDifference(m, back) is null,
                $"{ModuleComparer.FirstDifference(m, back)}: {string.Join(";", (back.Names?.LocalNames ?? []).Select(kv => kv.Key + ":" + string.Join(",", kv.Value)))}\n{text}");
        }
    }

    [Fact]
    public void Model_built_module_matches_the_encoder_byte_for_byte()
    {
        var m = SampleModules.Everything();
        var encoded = ModuleEncoder.Encode(m);
        var assembled = Wabt.Wat2Wasm(WatPrinter.Print(m));
        Assert.Equal(Convert.ToHexString(encoded), Convert.ToHexString(assembled));
    }

    private static NameSection KeptNames(WasmModule m)
    {
        // Mirrors what SampleModules.Named loses: "has space", the duplicate "first", "π", and the empty local.
        var kept = new NameSection { ModuleName = m.Names!.ModuleName };
        foreach (var (i, n) in m.Names.FunctionNames)
        {
            if (n is "imported" || (n == "first" && i == 1)) kept.FunctionNames[i] = n;
        }
        foreach (var (f, locals) in m.Names.LocalNames)
        {
            var map = new Dictionary<uint, string>();
            foreach (var (i, n) in locals) if (n.Length > 0) map[i] = n;
            kept.LocalNames[f] = map;
        }
        return kept;
    }
}
