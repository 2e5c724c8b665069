using System.Text;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Fuzz;

/// <summary>Valid seed components built in code (nothing fetched is committed): every section kind, every defined
/// type constructor, component/instance/module types, every canonical definition of the table, name attributes,
/// a component-name section, nested components and a nested copy of the richest core seed module.</summary>
public static class ComponentSeeds
{
    private static readonly byte[] Preamble = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

    public static List<byte[]> Build()
    {
        byte[] module = Seeds.Build()[1];
        byte[] types = Component(Vec(7,
            B(0x3f, 0x7f, 0x01, 0x00), [0x72, 0x01, .. Name("a"), 0x7f], [0x71, 0x02, .. Name("x"), 0x01, 0x7e, 0x00, .. Name("y"), 0x00, 0x00],
            B(0x70, 0x7b), B(0x67, 0x7d, 0x03), B(0x6f, 0x02, 0x7c, 0x00), [0x6e, 0x01, .. Name("f")], [0x6d, 0x01, .. Name("e")],
            B(0x6b, 0x7a), B(0x6a, 0x01, 0x77, 0x01, 0x76), B(0x69, 0x00), B(0x68, 0x00), B(0x66, 0x00), B(0x65, 0x01, 0x73),
            B(0x63, 0x73, 0x79), B(0x64), [0x43, 0x01, .. Name("p"), 0x7f, 0x00, 0x79],
            [0x41, 0x05, 0x00, 0x60, 0x00, 0x00, 0x01, 0x73, 0x02, 0x03, 0x02, 0x01, 0x00, 0x03, 0x00, .. Name("a"), 0x03, 0x00, 0x00, 0x04, 0x01, .. Name("b"), 0x03, 0x01],
            [0x42, 0x02, 0x01, 0x40, 0x00, 0x01, 0x00, 0x04, 0x02, .. Name("g"), 0x02, 0x00, .. Name("a:b/c"), 0x02, .. Name("x"), 0x01, 0x00]));
        byte[] coreTypes = Component(Vec(3, B(0x60, 0x01, 0x7f, 0x01, 0x7e), B(0x00, 0x50, 0x00, 0x60, 0x00, 0x00), B(0x4f, 0x01, 0x00, 0x60, 0x00, 0x00),
            [0x50, 0x04, 0x01, 0x60, 0x00, 0x00, 0x00, .. Name("m"), .. Name("t"), 0x01, 0x70, 0x01, 0x00, 0x10, 0x02, 0x10, 0x01, 0x01, 0x00,
                0x03, .. Name("g"), 0x03, 0x7f, 0x00]));
        var canons = new List<byte[]>();
        foreach (var row in Kiln.Component.Model.CanonOpTable.All) canons.Add(SampleCanon(row));
        byte[] linked = Component(
            Section(1, module),
            Vec(2, [0x00, 0x00, 0x01, .. Name("i"), 0x12, 0x00], [0x01, 0x01, .. Name("f"), 0x00, 0x02]),
            Section(4, types),
            Vec(5, [0x00, 0x00, 0x01, .. Name("x"), 0x01, 0x00], [0x01, 0x01, 0x00, .. Name("g"), 0x00, 0x11, 0x00]),
            Vec(6, [0x00, 0x02, 0x01, 0x00, .. Name("m")], [0x03, 0x00, 0x02, .. Name("t")], B(0x00, 0x10, 0x02, 0x01, 0x02), B(0x04, 0x02, 0x00, 0x00)),
            Vec(8, [.. canons.SelectMany(c => c)], canons.Count),
            Vec(10, [0x00, .. Name("v"), 0x02, 0x79], [0x02, .. Name("i"), 0x03, 0x00, .. Name("a:b/c"), 0x01, .. Name("1.0"), 0x02, .. Name("id"), 0x05, 0x00]),
            Vec(11, [0x00, .. Name("e"), 0x01, 0x00, 0x01, 0x01, 0x03]),
            Vec(12, B(0x79, 0x02, 0xe5, 0x07)),
            Section(9, B(0x00, 0x01, 0x02, 0x01)),
            Section(0, [.. Name("component-name"), 0x00, 0x04, .. Name("top"), 0x01, 0x06, 0x03, 0x01, 0x00, .. Name("ty")]));
        return [Preamble, types, coreTypes, linked, Component(Section(4, linked), Section(1, ModuleEncoder.Encode(new WasmModule())))];
    }

    private static byte[] SampleCanon(Kiln.Component.Model.CanonOpInfo row)
    {
        var b = new List<byte> { (byte)row.Op };
        foreach (var imm in row.Immediates)
            b.AddRange(imm switch
            {
                Kiln.Component.Model.CanonImmediate.CoreFunc or Kiln.Component.Model.CanonImmediate.Func => [0x00, 0x03],
                Kiln.Component.Model.CanonImmediate.Options => [0x03, 0x03, 0x00, 0x04, 0x01, 0x02],
                Kiln.Component.Model.CanonImmediate.ResultList => [0x00, 0x79],
                Kiln.Component.Model.CanonImmediate.CoreValType => [(byte)ValType.I32],
                Kiln.Component.Model.CanonImmediate.Async or Kiln.Component.Model.CanonImmediate.Cancellable or Kiln.Component.Model.CanonImmediate.Shared => [0x01],
                _ => [0x05],
            });
        return [.. b];
    }

    private static byte[] Component(params byte[][] sections) => [.. Preamble, .. sections.SelectMany(s => s)];
    private static byte[] B(params byte[] b) => b;

    private static byte[] Section(byte id, byte[] body) => [id, .. Mutator.Leb((uint)body.Length), .. body];

    private static byte[] Vec(byte id, params byte[][] items) => Vec(id, [.. items.SelectMany(x => x)], items.Length);

    private static byte[] Vec(byte id, byte[] items, int count) => Section(id, [.. Mutator.Leb((uint)count), .. items]);

    private static byte[] Name(string s)
    {
        var b = Encoding.UTF8.GetBytes(s);
        return [.. Mutator.Leb((uint)b.Length), .. b];
    }
}
