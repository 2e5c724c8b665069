using System.Text;
using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>A component instance (<c>wasmtime_component_instance_t</c>); lives as long as its store.</summary>
public sealed class WasmtimeComponentInstance
{
    private readonly NativeComponentInstance instance;

    internal WasmtimeComponentInstance(WasmtimeStore store, NativeComponentInstance instance)
    {
        Store = store;
        this.instance = instance;
    }

    public WasmtimeStore Store { get; }

    /// <summary>The exported function reached by <paramref name="path"/> (instance export names, then the
    /// function's), e.g. <c>GetFunc("run")</c> or <c>GetFunc("my:pkg/iface", "f")</c>; null if there is none.</summary>
    public unsafe WasmtimeComponentFunc? GetFunc(params string[] path)
    {
        nint index = 0;
        try
        {
            foreach (string part in path)
            {
                byte[] n = Encoding.UTF8.GetBytes(part);
                NativeComponentInstance self = instance;
                nint next;
                fixed (byte* p = n) next = wasmtime_component_instance_get_export_index(&self, Store.Context, index, p, (nuint)n.Length);
                if (index != 0) wasmtime_component_export_index_delete(index);
                index = next;
                if (index == 0) return null;
            }
            NativeComponentInstance inst = instance;
            NativeComponentFunc func;
            if (!wasmtime_component_instance_get_func(&inst, Store.Context, index, &func)) return null;
            return new WasmtimeComponentFunc(Store, func);
        }
        finally
        {
            if (index != 0) wasmtime_component_export_index_delete(index);
        }
    }
}
