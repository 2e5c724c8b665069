using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;

namespace Kiln.Wasm.Tests.Text;

/// <summary>Helpers for text tests: parse, and encode without the name section so that two texts
/// differing only in identifiers compare equal.</summary>
internal static class Wat
{
    public static WasmModule Parse(string text) => WatParser.ParseModule(text);

    public static byte[] Encode(string text)
    {
        var m = Parse(text);
        m.Names = null;
        return ModuleEncoder.Encode(m);
    }

    public static void SameBinary(string a, string b) => Assert.Equal(Convert.ToHexString(Encode(b)), Convert.ToHexString(Encode(a)));

    /// <summary>The code bytes of defined function <paramref name="index"/>, without the final end.</summary>
    public static string Code(WasmModule m, int index = 0)
    {
        var code = m.Codes[index].Code.Span;
        return Convert.ToHexString(code[..^1]);
    }

    public static WatParseException Fails(string text) => Assert.Throws<WatParseException>(() => Parse(text));
}
