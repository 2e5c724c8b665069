using System.Runtime.InteropServices;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference.Native;

// Owned Wasmtime objects, each released by its C API destructor exactly once (SafeHandle also keeps a handle
// alive while a P/Invoke that received it runs).

internal abstract class WasmtimeHandle : SafeHandle
{
    protected WasmtimeHandle(nint handle) : base(0, ownsHandle: true)
    {
        if (handle == 0) throw new WasmtimeException($"Wasmtime returned a null {GetType().Name}");
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The raw pointer, for a call made while the owner is known to be alive.</summary>
    public nint Raw
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }
}

internal sealed class EngineHandle(nint h) : WasmtimeHandle(h)
{
    protected override bool ReleaseHandle() { wasm_engine_delete(handle); return true; }
}

internal sealed class CoreModuleHandle(nint h) : WasmtimeHandle(h)
{
    protected override bool ReleaseHandle() { wasmtime_module_delete(handle); return true; }
}

internal sealed class StoreHandle(nint h) : WasmtimeHandle(h)
{
    protected override bool ReleaseHandle() { wasmtime_store_delete(handle); return true; }
}

internal sealed class LinkerHandle(nint h) : WasmtimeHandle(h)
{
    protected override bool ReleaseHandle() { wasmtime_linker_delete(handle); return true; }
}

internal sealed class ComponentHandle(nint h) : WasmtimeHandle(h)
{
    protected override bool ReleaseHandle() { wasmtime_component_delete(handle); return true; }
}

internal sealed class ComponentLinkerHandle(nint h) : WasmtimeHandle(h)
{
    protected override bool ReleaseHandle() { wasmtime_component_linker_delete(handle); return true; }
}
