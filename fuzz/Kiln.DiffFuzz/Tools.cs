namespace Kiln.DiffFuzz;

/// <summary>The external programs the fuzzer runs. A missing one is a hard error up front: with no reference
/// engine every module would "agree", which must never pass for a clean run.</summary>
internal static class Tools
{
    public static readonly string[] Required = ["node", "wasm-interp", "wat2wasm", "wasm-validate", "wasm-opt"];

    /// <summary>The required programs not found on PATH (plus wasm-reduce when reducing).</summary>
    public static List<string> Missing(bool reduce)
    {
        var missing = new List<string>();
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var tool in reduce ? [.. Required, "wasm-reduce"] : Required)
            if (!dirs.Any(d => File.Exists(Path.Combine(d, tool)))) missing.Add(tool);
        return missing;
    }
}
