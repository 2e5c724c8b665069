using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>A Wasmtime engine (<c>wasm_engine_t</c>): compilation settings shared by modules, components and stores.</summary>
public sealed class WasmtimeEngine : IDisposable
{
    public WasmtimeEngine(WasmtimeConfig? config = null)
    {
        Config = config ?? new WasmtimeConfig();
        // wasm_engine_new_with_config takes ownership of the config, also when it fails.
        Handle = new EngineHandle(wasm_engine_new_with_config(Config.CreateNative()));
    }

    public WasmtimeConfig Config { get; }

    internal EngineHandle Handle { get; }

    /// <summary>Advances the epoch; stores whose deadline is reached trap with <see cref="WasmtimeTrapCode.Interrupt"/>
    /// (with <see cref="WasmtimeConfig.EpochInterruption"/>). Safe to call from any thread.</summary>
    public void IncrementEpoch() => wasmtime_engine_increment_epoch(Handle.Raw);

    public void Dispose() => Handle.Dispose();
}
