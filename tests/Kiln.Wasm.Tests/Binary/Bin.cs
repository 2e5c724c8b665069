using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Tests.Binary;

/// <summary>Builds test binaries from hand-written pieces: sections get their size prefixes computed.</summary>
public static class Bin
{
    public static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    public static byte[] Module(params byte[][] sections)
    {
        var all = new List<byte>(Header);
        foreach (var s in sections) all.AddRange(s);
        return all.ToArray();
    }

    public static byte[] Section(SectionId id, params byte[] content) => [(byte)id, .. U32((uint)content.Length), .. content];

    public static byte[] Custom(string name, params byte[] payload)
    {
        byte[] n = System.Text.Encoding.UTF8.GetBytes(name);
        return Section(SectionId.Custom, [.. U32((uint)n.Length), .. n, .. payload]);
    }

    public static byte[] U32(uint v)
    {
        using var w = new WasmWriter();
        w.WriteU32(v);
        return w.ToArray();
    }

    /// <summary>A body: local groups then code (which should end with 0x0B), size-prefixed.</summary>
    public static byte[] Body(byte[] locals, params byte[] code) => [.. U32((uint)(locals.Length + code.Length)), .. locals, .. code];

    public static readonly byte[] NoLocals = [0x00];

    /// <summary>Type section with one () -> () type, function section with <paramref name="n"/> functions of it.</summary>
    public static byte[][] Funcs(int n) =>
    [
        Section(SectionId.Type, 0x01, 0x60, 0x00, 0x00),
        Section(SectionId.Function, [.. U32((uint)n), .. new byte[n]]),
    ];

    public static byte[] Code(params byte[][] bodies)
    {
        var c = new List<byte>(U32((uint)bodies.Length));
        foreach (var b in bodies) c.AddRange(b);
        return Section(SectionId.Code, c.ToArray());
    }

    public static WasmModule Decode(byte[] bytes) => ModuleDecoder.Decode(bytes);

    /// <summary>Asserts decoding fails with <paramref name="reason"/> and returns the exception.</summary>
    public static WasmDecodeException Fails(byte[] bytes, string reason)
    {
        var e = Assert.Throws<WasmDecodeException>(() => ModuleDecoder.Decode(bytes));
        Assert.Equal(reason, e.Reason);
        return e;
    }

    /// <summary>Decode, encode, decode again: the two decoded modules must be equal. Returns the first.</summary>
    public static WasmModule RoundTrip(byte[] bytes)
    {
        var m = ModuleDecoder.Decode(bytes);
        var again = ModuleDecoder.Decode(ModuleEncoder.Encode(m));
        Assert.Null(ModuleComparer.FirstDifference(m, again));
        return m;
    }
}
