namespace Kiln.Wasm.Binary;

// The tag section (Wasm 3.0 exception handling): each tag is an attribute byte and a function type index.
public sealed partial class ModuleDecoder
{
    private void ReadTagSection(ref WasmReader r)
    {
        int n = r.ReadCount();
        _m.Tags.EnsureCapacity(n);
        for (int i = 0; i < n; i++) _m.Tags.Add(ReadTagType(ref r));
    }

    /// <summary>A tag type: attribute 0 (an exception; no other attribute exists) and a type index.</summary>
    private static uint ReadTagType(ref WasmReader r)
    {
        int at = r.Position;
        if (r.ReadByte() != 0) throw r.Error("malformed tag attribute", at);
        return r.ReadU32();
    }
}
