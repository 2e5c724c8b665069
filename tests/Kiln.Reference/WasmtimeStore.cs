using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>A store (<c>wasmtime_store_t</c>): owns instances and their state, fuel, epoch deadline and WASI context.</summary>
public sealed class WasmtimeStore : IDisposable
{
    public WasmtimeStore(WasmtimeEngine engine)
    {
        Engine = engine;
        Handle = new StoreHandle(wasmtime_store_new(engine.Handle.Raw, 0, 0));
    }

    public WasmtimeEngine Engine { get; }

    internal StoreHandle Handle { get; }

    /// <summary>The store's <c>wasmtime_context_t*</c>, valid while the store lives.</summary>
    internal nint Context => wasmtime_store_context(Handle.Raw);

    /// <summary>Remaining fuel (<c>wasmtime_context_get_fuel</c>/<c>_set_fuel</c>); needs <see cref="WasmtimeConfig.ConsumeFuel"/>.</summary>
    public unsafe ulong Fuel
    {
        get
        {
            ulong fuel;
            WasmtimeError.Check(wasmtime_context_get_fuel(Context, &fuel));
            return fuel;
        }
        set => WasmtimeError.Check(wasmtime_context_set_fuel(Context, value));
    }

    /// <summary>Wasm traps with <see cref="WasmtimeTrapCode.Interrupt"/> once the engine's epoch is
    /// <paramref name="ticksBeyondCurrent"/> past the current one (<c>wasmtime_context_set_epoch_deadline</c>).</summary>
    public void SetEpochDeadline(ulong ticksBeyondCurrent) => wasmtime_context_set_epoch_deadline(Context, ticksBeyondCurrent);

    /// <summary>Gives the store a WASI context (<c>wasmtime_context_set_wasi</c>), used by preview1 modules and by
    /// preview2 components alike.</summary>
    public void SetWasi(WasiConfiguration wasi) => WasmtimeError.Check(wasmtime_context_set_wasi(Context, wasi.CreateNative()));

    public void Dispose() => Handle.Dispose();
}
