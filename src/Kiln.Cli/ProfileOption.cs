using Kiln.Runtime;

namespace Kiln.Cli;

/// <summary><c>--profile=STRATEGY</c> of <c>kiln run</c>, spelled as <c>wasmtime run --profile</c>.</summary>
public static class ProfileOption
{
    public const string Option = "--profile";

    public const string Help = """
          --profile=perfmap    write /tmp/perf-PID.map (each wasm function's address range and name) so that
                               'perf record' then 'perf report' name samples in wasm code, as wasmtime's
        """ + "\n";

    /// <summary>The strategy named by <paramref name="value"/> (none when absent).</summary>
    public static ProfilingStrategy Parse(string? value) => value switch
    {
        null => ProfilingStrategy.None,
        "perfmap" => ProfilingStrategy.PerfMap,
        _ => throw new UsageException($"{Option} takes 'perfmap', not '{value}' (jitdump and vtune are not supported)"),
    };
}
