using Kiln.Runtime;

namespace Kiln.Cli;

/// <summary>
/// The <c>-W</c> (wasm runtime) and <c>-S</c> (WASI) option groups, spelled as Wasmtime's CLI spells them:
/// each option's value is one or more comma-separated <c>key[=value]</c> items (<c>-W fuel=1000,timeout=2s</c>),
/// and either option may be repeated. A key alone means "yes" for a switch.
/// </summary>
public sealed class OptionGroups
{
    /// <summary>Help lines for the -W keys (each ends with a newline).</summary>
    public const string WasmHelp = """
          -W KEY=VALUE[,...]   wasm runtime settings, as wasmtime spells them:
               fuel=N                  meter fuel: trap "all fuel consumed by WebAssembly" after N units (one per operator)
               timeout=DURATION        trap "interrupt" after DURATION of wall time (500ms, 1s, 2m; epoch checks)
               max-memory-size=BYTES   no memory may grow beyond BYTES (K, M, G suffixes: powers of 1024)
               max-table-elements=N    no table may grow beyond N elements
               max-instances=N         at most N instances
               max-wasm-stack=BYTES    wasm stack per call from the host (default 512K)
               wasm-backtrace-max-frames=N   frames printed for a trap (default 20)
               consume-fuel, epoch-interruption   compile the checks in without a budget (for kiln compile)
               compile-timeout=DURATION      stop compiling a module after DURATION of wall time
               max-compile-memory=BYTES      stop compiling a module once it has allocated BYTES of managed memory
        """ + "\n";

    /// <summary>Help lines for the -S keys.</summary>
    public const string WasiHelp = """
          -S KEY[=y|n][,...]   WASI settings, as wasmtime spells them:
               inherit-env             give the guest the whole host environment (same as --inherit-env)
               cli                     WASI preview1 command-line interfaces (always on)
        """ + "\n";

    /// <summary>Fuel to give the store; null = no fuel metering.</summary>
    public ulong? Fuel { get; private set; }

    /// <summary>Fuel metering compiled in: <c>fuel=N</c> or <c>consume-fuel</c>.</summary>
    public bool ConsumeFuel { get; private set; }

    /// <summary>Epoch checks compiled in: <c>timeout=</c> or <c>epoch-interruption</c>.</summary>
    public bool EpochInterruption { get; private set; }

    /// <summary>Wall time after which the guest is interrupted; null = none.</summary>
    public TimeSpan? Timeout { get; private set; }

    public ulong? MaxMemorySize { get; private set; }
    public uint? MaxTableElements { get; private set; }
    public int? MaxInstances { get; private set; }
    public ulong? MaxWasmStack { get; private set; }
    public int? BacktraceMaxFrames { get; private set; }

    /// <summary>Wall time a module's compilation may take; null = no limit.</summary>
    public TimeSpan? CompileTimeout { get; private set; }

    /// <summary>Managed bytes a module's compilation may allocate; null = no limit.</summary>
    public ulong? MaxCompileMemory { get; private set; }

    /// <summary>-S inherit-env.</summary>
    public bool InheritEnv { get; private set; }

    /// <summary>Parses every <c>-W</c> and <c>-S</c> value; a wrong key or value is a <see cref="UsageException"/>.</summary>
    public static OptionGroups Parse(IReadOnlyList<string> wasm, IReadOnlyList<string> wasi)
    {
        var g = new OptionGroups();
        foreach (var (key, value) in Items(wasm, "-W"))
        {
            switch (key)
            {
                case "fuel": g.Fuel = Number(key, value, "-W"); g.ConsumeFuel = true; break;
                case "timeout": g.Timeout = Duration(key, value); g.EpochInterruption = true; break;
                case "compile-timeout": g.CompileTimeout = Duration(key, value); break;
                case "max-compile-memory": g.MaxCompileMemory = Math.Min(Size(key, value), long.MaxValue); break;
                case "consume-fuel": g.ConsumeFuel = Switch(key, value, "-W"); break;
                case "epoch-interruption": g.EpochInterruption = Switch(key, value, "-W"); break;
                case "max-memory-size": g.MaxMemorySize = Size(key, value); break;
                case "max-table-elements": g.MaxTableElements = (uint)Number(key, value, "-W", uint.MaxValue); break;
                case "max-instances": g.MaxInstances = (int)Number(key, value, "-W", int.MaxValue); break;
                case "max-wasm-stack":
                    g.MaxWasmStack = Size(key, value);
                    if (g.MaxWasmStack < 4096) throw new UsageException("-W max-wasm-stack must be at least 4096 bytes");
                    break;
                case "wasm-backtrace-max-frames": g.BacktraceMaxFrames = (int)Number(key, value, "-W", int.MaxValue); break;
                default:
                    throw new UsageException($"unknown -W option '{key}' (fuel, timeout, max-memory-size, max-table-elements, max-instances, max-wasm-stack, wasm-backtrace-max-frames, consume-fuel, epoch-interruption, compile-timeout, max-compile-memory)");
            }
        }
        foreach (var (key, value) in Items(wasi, "-S"))
        {
            switch (key)
            {
                case "inherit-env": g.InheritEnv = Switch(key, value, "-S"); break;
                case "cli":
                    if (!Switch(key, value, "-S")) throw new UsageException("-S cli=n: kiln runs only WASI commands, which need it");
                    break;
                default:
                    throw new UsageException($"unknown or unsupported -S option '{key}' (inherit-env, cli)");
            }
        }
        return g;
    }

    /// <summary>The engine settings these options need on top of <paramref name="config"/>.</summary>
    public EngineConfig Apply(EngineConfig config) => config with
    {
        ConsumeFuel = ConsumeFuel,
        CompileTimeout = CompileTimeout ?? config.CompileTimeout,
        MaxCompileMemory = MaxCompileMemory is { } m ? (long)m : config.MaxCompileMemory,
        EpochInterruption = EpochInterruption,
        MaxWasmStack = MaxWasmStack is { } stack ? (nuint)stack : config.MaxWasmStack,
        WasmBacktraceMaxFrames = BacktraceMaxFrames ?? config.WasmBacktraceMaxFrames,
    };

    /// <summary>The compile budget these options ask for, on top of <paramref name="options"/>.</summary>
    public Kiln.Compiler.Driver.ModuleCompilerOptions Apply(Kiln.Compiler.Driver.ModuleCompilerOptions options) => options with
    {
        CompileTimeout = CompileTimeout ?? options.CompileTimeout,
        MaxCompileMemory = MaxCompileMemory is { } m ? (long)m : options.MaxCompileMemory,
    };

    /// <summary>The store limits these options ask for.</summary>
    public StoreLimits Limits() => StoreLimits.Default with
    {
        MaxMemoryBytes = MaxMemorySize ?? StoreLimits.Default.MaxMemoryBytes,
        MaxTableElements = MaxTableElements ?? StoreLimits.Default.MaxTableElements,
        MaxInstances = MaxInstances ?? StoreLimits.Default.MaxInstances,
    };

    /// <summary>
    /// Gives <paramref name="store"/> its fuel and, with a timeout, an epoch deadline one tick away and a timer that
    /// ticks once the time is up. Dispose the result when the guest has finished.
    /// </summary>
    public IDisposable? Bound(Store store)
    {
        if (ConsumeFuel) store.Fuel = Fuel ?? 0;
        if (!EpochInterruption) return null;
        if (Timeout is not { } timeout)
        {
            store.SetEpochDeadline(ulong.MaxValue); // checks compiled in, but nothing ticks
            return null;
        }
        store.SetEpochDeadline(1);
        var engine = store.Engine;
        return new Timer(_ => engine.IncrementEpoch(), null, timeout, System.Threading.Timeout.InfiniteTimeSpan);
    }

    private static IEnumerable<(string Key, string? Value)> Items(IReadOnlyList<string> values, string option)
    {
        foreach (var v in values)
        {
            foreach (var item in v.Split(','))
            {
                if (item.Length == 0) throw new UsageException($"{option} takes KEY[=VALUE][,...], not '{v}'");
                int eq = item.IndexOf('=');
                yield return eq < 0 ? (item, null) : (item[..eq], item[(eq + 1)..]);
            }
        }
    }

    private static ulong Number(string key, string? value, string option, ulong max = ulong.MaxValue)
    {
        if (value is null || !ulong.TryParse(value.Replace("_", ""), out ulong n) || n > max)
            throw new UsageException($"{option} {key} takes a whole number up to {max}, not '{value}'");
        return n;
    }

    // Binary multiples, as wasmtime's byte sizes.
    private static readonly (string Suffix, ulong Factor)[] SizeSuffixes =
    [
        ("KiB", 1UL << 10), ("MiB", 1UL << 20), ("GiB", 1UL << 30),
        ("K", 1UL << 10), ("M", 1UL << 20), ("G", 1UL << 30), ("k", 1UL << 10), ("m", 1UL << 20), ("g", 1UL << 30),
    ];

    private static ulong Size(string key, string? value)
    {
        if (value is not null)
        {
            foreach (var (suffix, factor) in SizeSuffixes)
            {
                if (value.EndsWith(suffix, StringComparison.Ordinal)
                    && ulong.TryParse(value[..^suffix.Length].Replace("_", ""), out ulong n) && n <= ulong.MaxValue / factor)
                    return n * factor;
            }
            if (ulong.TryParse(value.Replace("_", ""), out ulong bytes)) return bytes;
        }
        throw new UsageException($"-W {key} takes a size in bytes (65536, 64K, 1M, 4G), not '{value}'");
    }

    private static readonly (string Unit, double Milliseconds)[] DurationUnits =
        [("ms", 1), ("us", 0.001), ("ns", 0.000001), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];

    private static TimeSpan Duration(string key, string? value)
    {
        if (value is not null)
        {
            foreach (var (unit, ms) in DurationUnits)
            {
                if (value.EndsWith(unit, StringComparison.Ordinal)
                    && double.TryParse(value[..^unit.Length], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double n)
                    && n >= 0 && n * ms < int.MaxValue)
                    return TimeSpan.FromMilliseconds(n * ms);
            }
        }
        throw new UsageException($"-W {key} takes a duration with a unit (500ms, 1s, 2m), not '{value}'");
    }

    private static bool Switch(string key, string? value, string option) => value switch
    {
        null or "y" or "yes" or "true" => true,
        "n" or "no" or "false" => false,
        _ => throw new UsageException($"{option} {key} takes y or n, not '{value}'"),
    };
}
