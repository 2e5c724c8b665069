using System.Globalization;

namespace Kiln.DiffFuzz;

/// <summary>
/// Shrinks a saved mismatch with binaryen's wasm-reduce. Its test command is this program's <c>--check</c>
/// mode, which prints the mismatch signature (or "same"); wasm-reduce keeps a reduction while that output stays.
/// </summary>
internal static class Reducer
{
    public static string? Reduce(string dir, int seconds, int timeoutMs)
    {
        string self = Environment.ProcessPath!;
        string prefix = Path.GetFileNameWithoutExtension(self) == "dotnet" ? $"{self} {typeof(Reducer).Assembly.Location}" : self;
        string test = Path.Combine(dir, "test.wasm"), work = Path.Combine(dir, "reduced.wasm");
        string command = $"{prefix} --check {test} --timeout-ms {timeoutMs}";
        var r = ProcessRunner.Run("/usr/bin/wasm-reduce",
            [Path.Combine(dir, "prepared.wasm"), $"--command={command}", "-t", test, "-w", work,
             "--timeout=" + (timeoutMs / 1000 + 5).ToString(CultureInfo.InvariantCulture), .. Sources.TtfFeatures],
            TimeSpan.FromSeconds(seconds));
        File.WriteAllText(Path.Combine(dir, "reduce.log"), r.Stdout + r.Stderr);
        if (!File.Exists(work)) return null;
        var wat = ProcessRunner.Run("wasm2wat", [work], TimeSpan.FromSeconds(30));
        if (wat.ExitCode == 0) File.WriteAllText(Path.Combine(dir, "reduced.wat"), wat.Stdout);
        return work;
    }
}
