using System.Text;
using Kiln.Reference.Native;
using static Kiln.Reference.Native.WasmtimeNative;

namespace Kiln.Reference;

/// <summary>Cranelift's optimisation level (<c>wasmtime_opt_level_enum</c>).</summary>
public enum WasmtimeOptLevel : byte
{
    None = 0,
    Speed = 1,
    SpeedAndSize = 2,
}

/// <summary>
/// Engine settings. Everything left null keeps Wasmtime's default (the defaults are what Kiln is compared
/// against: Cranelift, <see cref="WasmtimeOptLevel.Speed"/>, parallel compilation, component model on).
/// </summary>
public sealed record WasmtimeConfig
{
    /// <summary>Compile in fuel accounting (<c>wasmtime_config_consume_fuel_set</c>); a new store then has 0 fuel.</summary>
    public bool? ConsumeFuel { get; init; }

    /// <summary>Compile in epoch checks (<c>wasmtime_config_epoch_interruption_set</c>).</summary>
    public bool? EpochInterruption { get; init; }

    public WasmtimeOptLevel? OptLevel { get; init; }

    public bool? ParallelCompilation { get; init; }

    public bool? ComponentModel { get; init; }

    public nuint? MaxWasmStack { get; init; }

    /// <summary>
    /// A target triple to compile for (<c>wasmtime_config_target_set</c>); code for another target can be
    /// serialized, not run. The NuGet build of 50.0.1 contains only the host's Cranelift backend and Pulley:
    /// on linux-x64, <c>x86_64-*</c> triples and <c>pulley32</c>/<c>pulley64</c> work, while an
    /// <c>aarch64</c>, <c>riscv64</c> or <c>s390x</c> triple is accepted by <c>wasmtime_config_target_set</c>
    /// and then makes <c>wasm_engine_new_with_config</c> panic ("Support for this target is disabled"), which
    /// aborts the process. <see cref="WasmtimeEngine"/> therefore refuses such a target up front.
    /// </summary>
    public string? Target { get; init; }

    /// <summary>Architectures (the first part of a triple) that the package's library for this process can compile for.</summary>
    public static IReadOnlyList<string> SupportedTargetArchitectures { get; } =
    [
        System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64" : "x86_64",
        "pulley32", "pulley64",
    ];

    /// <summary>Cranelift settings by name (<c>wasmtime_config_cranelift_flag_set</c>).</summary>
    public IReadOnlyDictionary<string, string>? CraneliftFlags { get; init; }

    /// <summary>Creates a <c>wasm_config_t</c> with these settings; the caller hands it to an engine or deletes it.</summary>
    internal unsafe nint CreateNative()
    {
        nint config = wasm_config_new();
        try
        {
            if (ConsumeFuel is { } fuel) wasmtime_config_consume_fuel_set(config, fuel);
            if (EpochInterruption is { } epochs) wasmtime_config_epoch_interruption_set(config, epochs);
            if (OptLevel is { } level) wasmtime_config_cranelift_opt_level_set(config, (byte)level);
            if (ParallelCompilation is { } parallel) wasmtime_config_parallel_compilation_set(config, parallel);
            if (ComponentModel is { } cm) wasmtime_config_wasm_component_model_set(config, cm);
            if (MaxWasmStack is { } stack) wasmtime_config_max_wasm_stack_set(config, stack);
            if (Target is { } target)
            {
                string arch = target.Split('-')[0];
                if (!SupportedTargetArchitectures.Contains(arch))
                    throw new WasmtimeException($"target {target}: this libwasmtime.so (NuGet Wasmtime 50.0.1) was built without the " +
                        $"{arch} backend (it has {string.Join(", ", SupportedTargetArchitectures)}); Wasmtime would abort the process");
                fixed (byte* t = Encoding.UTF8.GetBytes(target + "\0")) WasmtimeError.Check(wasmtime_config_target_set(config, t));
            }
            foreach (var (key, value) in CraneliftFlags ?? new Dictionary<string, string>())
            {
                fixed (byte* k = Encoding.UTF8.GetBytes(key + "\0"))
                fixed (byte* v = Encoding.UTF8.GetBytes(value + "\0"))
                    wasmtime_config_cranelift_flag_set(config, k, v);
            }
            return config;
        }
        catch
        {
            wasm_config_delete(config);
            throw;
        }
    }
}
