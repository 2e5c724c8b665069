using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;

namespace Kiln.Component.Tests.Linking;

internal static class LinkingModules
{
    /// <summary>A text module through its binary form (custom sections and names as a decoder sees them).</summary>
    public static WasmModule FromText(string wat) => ModuleDecoder.Decode(ModuleEncoder.Encode(WatParser.ParseModule(wat)));

    public static byte[] Binary(string wat) => ModuleEncoder.Encode(WatParser.ParseModule(wat));

    /// <summary>A <c>name</c> section naming globals only (subsection 7).</summary>
    public static CustomSection GlobalNames(params (uint Index, string Name)[] names)
    {
        var sub = new WasmWriter();
        sub.WriteU32((uint)names.Length);
        foreach (var (i, n) in names) { sub.WriteU32(i); sub.WriteName(n); }
        var w = new WasmWriter();
        w.WriteByte(7);
        w.WriteU32((uint)sub.Length);
        w.WriteBytes(sub.WrittenSpan);
        return new CustomSection("name", w.ToArray(), 0);
    }
}
