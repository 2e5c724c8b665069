using Kiln.Component.Binary;
using Kiln.Component.Model;
using Kiln.Wasm.Model;
using static Kiln.Component.Tests.Binary.Bytes;

namespace Kiln.Component.Tests.Binary;

/// <summary>Hand-built component binaries (no fetched files): each must decode, re-encode to the same bytes and
/// decode again to an equal component.</summary>
public class ComponentEncoderTests
{
    // A core module exporting "f" (func ()->()), as the reference binary tests build it.
    private static readonly byte[] ModuleF =
        [.. EmptyModule, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b];

    public static TheoryData<string, byte[]> Samples => new()
    {
        { "empty", Preamble },
        { "lifted export", ComponentOf(
            Section(1, ModuleF),
            Vec(2, B(0x00, 0x00, 0x00)),
            Vec(6, [0x00, 0x00, 0x01, 0x00, .. Name("f")]),
            Vec(7, B(0x40, 0x00, 0x01, 0x00)),
            Vec(8, B(0x00, 0x00, 0x00, 0x00, 0x00)),
            Vec(11, [0x00, .. Name("e1"), 0x01, 0x00, 0x00], [0x00, .. Name("e2"), 0x01, 0x00, 0x01, 0x01, 0x00])) },
        { "every defined type", ComponentOf(Vec(7,
            B(0x3f, 0x7f, 0x01, 0x00), [0x72, 0x01, .. Name("a"), 0x7f], [0x71, 0x02, .. Name("x"), 0x01, 0x7e, 0x00, .. Name("y"), 0x00, 0x00],
            B(0x70, 0x7b), B(0x67, 0x7d, 0x03), B(0x6f, 0x02, 0x7c, 0x00), [0x6e, 0x01, .. Name("f")], [0x6d, 0x01, .. Name("e")],
            B(0x6b, 0x7a), B(0x6a, 0x00, 0x00), B(0x6a, 0x01, 0x77, 0x01, 0x76), B(0x69, 0x00), B(0x68, 0x00), B(0x66, 0x00), B(0x65, 0x01, 0x73),
            B(0x63, 0x73, 0x79), B(0x64), B(0x43, 0x00, 0x00, 0x79))) },
        { "component and instance types", ComponentOf(Vec(7,
            [0x41, 0x05, 0x00, 0x60, 0x00, 0x00, 0x01, 0x73, 0x02, 0x03, 0x02, 0x01, 0x00, 0x03, 0x00, .. Name("a"), 0x03, 0x00, 0x00, 0x04, 0x01, .. Name("b"), 0x03, 0x01],
            [0x42, 0x02, 0x01, 0x40, 0x00, 0x01, 0x00, 0x04, 0x02, .. Name("g"), 0x02, 0x00, .. Name("a:b/c"), 0x02, .. Name("x"), 0x01, 0x00])) },
        { "core types", ComponentOf(Vec(3, B(0x60, 0x01, 0x7f, 0x01, 0x7e), B(0x00, 0x50, 0x00, 0x60, 0x00, 0x00), B(0x4f, 0x01, 0x00, 0x60, 0x00, 0x00),
            [0x50, 0x05, 0x01, 0x50, 0x00, 0x60, 0x00, 0x00, 0x00, .. Name("m"), .. Name("t"), 0x01, 0x70, 0x01, 0x00, 0x10, 0x02, 0x10, 0x01, 0x01, 0x00,
                0x03, .. Name("g"), 0x03, 0x7f, 0x00, 0x03, .. Name("tag"), 0x04, 0x00, 0x00])) },
        { "instances aliases imports start values", ComponentOf(
            Section(1, EmptyModule),
            Vec(2, [0x00, 0x00, 0x01, .. Name("i"), 0x12, 0x00], [0x01, 0x01, .. Name("f"), 0x00, 0x02]),
            Section(4, Preamble),
            Vec(5, [0x00, 0x00, 0x01, .. Name("x"), 0x01, 0x00], [0x01, 0x01, 0x00, .. Name("g"), 0x00, 0x11, 0x00]),
            Vec(6, [0x00, 0x02, 0x01, 0x00, .. Name("m")], [0x03, 0x00, 0x02, .. Name("t")], B(0x00, 0x10, 0x02, 0x01, 0x02), B(0x04, 0x02, 0x00, 0x00), B(0x00, 0x11, 0x02, 0x00, 0x00)),
            Vec(10, [0x00, .. Name("v"), 0x02, 0x79], [0x02, .. Name("i"), 0x03, 0x00, .. Name("a:b/c"), 0x01, .. Name("1.0"), 0x02, .. Name("id"), 0x05, 0x00]),
            Vec(12, B(0x79, 0x02, 0xe5, 0x07)),
            Section(9, B(0x00, 0x01, 0x02, 0x01))) },
        { "every canonical definition", ComponentOf(Vec(8, CanonOpTable.All.Select(SampleCanon).ToArray())) },
        { "names and custom sections", ComponentOf(
            Section(0, [.. Name("producers"), 0x01, 0x02, 0x03]),
            Vec(7, B(0x73)),
            Section(0, [.. Name("component-name"), 0x00, 0x04, .. Name("top"), 0x01, 0x06, 0x03, 0x01, 0x00, .. Name("ty")])) },
    };

    /// <summary>A canonical definition with every immediate its row lists, set to something non-default.</summary>
    private static byte[] SampleCanon(CanonOpInfo row)
    {
        var b = new List<byte> { (byte)row.Op };
        foreach (var imm in row.Immediates)
            b.AddRange(imm switch
            {
                CanonImmediate.CoreFunc or CanonImmediate.Func => [0x00, 0x03],
                CanonImmediate.Options => [0x04, 0x02, 0x03, 0x00, 0x04, 0x01, 0x07, 0x02],
                CanonImmediate.ResultList => [0x00, 0x79],
                CanonImmediate.CoreValType => [0x7f],
                CanonImmediate.Async or CanonImmediate.Cancellable or CanonImmediate.Shared => [0x01],
                _ => [0x05],
            });
        return [.. b];
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void DecodeEncodeDecodeGivesTheSameBytesAndAnEqualComponent(string name, byte[] bytes)
    {
        var first = ComponentDecoder.Decode(bytes);
        var again = ComponentEncoder.Encode(first);
        Assert.True(bytes.AsSpan().SequenceEqual(again), $"{name}: re-encoded bytes differ");
        var second = ComponentDecoder.Decode(again);
        Assert.Null(ComponentComparer.FirstDifference(first, second));
    }

    [Fact]
    public void ComparerFindsADifferenceDeepInATypeAndIgnoresOffsets()
    {
        var a = new WasmComponent();
        var ts = new TypeSection { Offset = 8 };
        ts.Items.Add(new RecordType([new LabeledType("a", ComponentValType.Of(PrimValType.U8))]) { Offset = 11 });
        a.Sections.Add(ts);
        var b = new WasmComponent();
        var tb = new TypeSection();
        tb.Items.Add(new RecordType([new LabeledType("a", ComponentValType.Of(PrimValType.U8))]));
        b.Sections.Add(tb);
        Assert.Null(ComponentComparer.FirstDifference(a, b));
        tb.Items[0] = new RecordType([new LabeledType("a", ComponentValType.Of(PrimValType.U16))]);
        var d = ComponentComparer.FirstDifference(a, b);
        Assert.NotNull(d);
        Assert.Contains("Fields[0]", d);
    }

    [Fact]
    public void ComponentFromTextGetsANameSectionAndAnEncodedModule()
    {
        // As the text parser builds it: no custom sections, names in the model, a module without its bytes.
        var c = new WasmComponent { Names = new ComponentNames { ComponentName = "c" } };
        c.Names.SortNames.Add((Sort.Type, [(0u, "t")]));
        var module = new WasmModule();
        module.Types.Add(new FuncType([ValType.I32], []));
        c.Sections.Add(new CoreModuleSection(module, ReadOnlyMemory<byte>.Empty));
        var ts = new TypeSection();
        ts.Items.Add(new PrimitiveDefinedType(PrimValType.String));
        c.Sections.Add(ts);
        var back = ComponentDecoder.Decode(ComponentEncoder.Encode(c));
        Assert.Equal("t", back.Names!.NameOf(Sort.Type, 0));
        Assert.Equal([ValType.I32], ((CoreModuleSection)back.Sections[0]).Module.Types[0].Params);
        Assert.Null(ComponentComparer.FirstDifference(c, back));
    }

    [Fact]
    public void AttributesForceTheAttributedNameForm()
    {
        var c = new WasmComponent();
        var imports = new ImportSection();
        imports.Items.Add(new ComponentImport(new ExternName("i") { Implements = "a:b/c" }, new ExternType(ExternKind.Instance, 0)));
        c.Sections.Add(imports);
        var back = ComponentDecoder.Decode(ComponentEncoder.Encode(c));
        var name = ((ImportSection)back.Sections[0]).Items[0].Name;
        Assert.Equal((byte)0x02, name.Form);
        Assert.Equal("a:b/c", name.Implements);
    }
}
