using System.Text;
using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>A core instance (<c>wasmtime_instance_t</c>); lives as long as its store.</summary>
public sealed class WasmtimeInstance
{
    private readonly NativeInstance instance;

    internal WasmtimeInstance(WasmtimeStore store, NativeInstance instance)
    {
        Store = store;
        this.instance = instance;
    }

    public WasmtimeStore Store { get; }

    /// <summary>The exported function <paramref name="name"/>, or null if there is none (or the export is not a function).</summary>
    public unsafe WasmtimeFunc? GetFunc(string name)
    {
        byte[] n = Encoding.UTF8.GetBytes(name);
        NativeExtern item;
        NativeInstance self = instance;
        bool found;
        fixed (byte* p = n) found = wasmtime_instance_export_get(Store.Context, &self, p, (nuint)n.Length, &item);
        if (!found || item.Kind != NativeExtern.KindFunc) return null;
        return new WasmtimeFunc(Store, item.Func);
    }
}
