using Kiln.Component.Wit.Model;
using Kiln.Wasm.Model;

namespace Kiln.Component.Linking;

/// <summary>One adapter while a component is built: as given, what the program needs of it, and as emitted.</summary>
internal sealed class AdapterState(string name, WasmModule original, List<WitWorld> worlds)
{
    public string Name { get; } = name;
    public WasmModule Original { get; } = original;
    public List<WitWorld> Worlds { get; } = worlds;
    /// <summary>Exports the program imports (the GC roots, with the adapter's world exports and reallocs).</summary>
    public HashSet<string> Required { get; } = new(StringComparer.Ordinal);
    public WasmModule? Final { get; set; }
    public byte[]? Bytes { get; set; }
    public uint CoreInstance { get; set; }
    public uint CoreModule { get; set; }
}
