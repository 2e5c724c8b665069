namespace Kiln.Runtime.Wasi.Preview2;

/// <summary>
/// WASI 0.2 as host definitions of a <see cref="ComponentLinker"/>: wasi:cli (environment, exit, stdin, stdout,
/// stderr, terminal-*), wasi:io (error, poll, streams), wasi:filesystem (types, preopens), wasi:clocks
/// (monotonic-clock, wall-clock) and wasi:random (random, insecure, insecure-seed), every function their WIT
/// declares at <see cref="Version"/>, with the resources as host resources. The linker matches versions by
/// semver, so a component importing any 0.2.x is served. Functions take and return <see cref="Val"/>s and are
/// checked against the importing component's own types when lifted and lowered.
/// </summary>
public static class WasiPreview2
{
    /// <summary>The version the interfaces are defined at (the newest 0.2 WIT they follow).</summary>
    public const string Version = "0.2.12";

    /// <summary>The interfaces defined, without version.</summary>
    public static IReadOnlyList<string> Interfaces { get; } =
    [
        "wasi:cli/environment", "wasi:cli/exit", "wasi:cli/stdin", "wasi:cli/stdout", "wasi:cli/stderr",
        "wasi:cli/terminal-input", "wasi:cli/terminal-output", "wasi:cli/terminal-stdin", "wasi:cli/terminal-stdout",
        "wasi:cli/terminal-stderr", "wasi:io/error", "wasi:io/poll", "wasi:io/streams", "wasi:filesystem/types",
        "wasi:filesystem/preopens", "wasi:clocks/monotonic-clock", "wasi:clocks/wall-clock", "wasi:random/random",
        "wasi:random/insecure", "wasi:random/insecure-seed",
    ];

    /// <summary>The <c>wasi:cli/run</c> export a command component has (any 0.2.x), or null.</summary>
    public static ComponentFunc? GetRun(ComponentInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var name in instance.ExportNames)
        {
            if (!name.StartsWith("wasi:cli/run@0.2.", StringComparison.Ordinal)) continue;
            if (instance.GetFunc(name, "run") is { } run) return run;
        }
        return null;
    }

    /// <summary>Defines the interfaces on a new context made from <paramref name="configuration"/>, which the
    /// returned context owns (dispose it after the instances are done).</summary>
    public static WasiPreview2Context AddToLinker(ComponentLinker linker, WasiConfiguration configuration)
    {
        var context = new WasiPreview2Context(configuration);
        try
        {
            AddToLinker(linker, context);
        }
        catch
        {
            context.Dispose();
            throw;
        }
        return context;
    }

    /// <summary>Defines the interfaces on <paramref name="context"/>: every instance made with the linker shares it.</summary>
    public static void AddToLinker(ComponentLinker linker, WasiPreview2Context context)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(context);
        WasiIo.Define(linker, context);
        WasiCli.Define(linker, context);
        WasiClocks.Define(linker, context);
        WasiRandom.Define(linker, context);
        WasiFilesystem.Define(linker, context);
    }

    internal static ComponentLinkerInstance Interface(ComponentLinker linker, string name) => linker.Instance($"{name}@{Version}");
}
