using System.Collections.Concurrent;
using System.Diagnostics;
using Kiln.Reference;

namespace Kiln.Cli.Tests;

/// <summary>
/// The tests/wasi programs as WASI 0.2 command components, made by <c>jco new PROGRAM.wasm --wasi-command</c> (jco's
/// bundled <c>wasi_snapshot_preview1</c> command adapter), once per test run, in a folder of this process's own.
/// Without jco the tests fail, naming how to install it (.ci/run does).
/// </summary>
public static class JcoComponents
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), $"kiln-jco-components-{Environment.ProcessId}");
    private static readonly ConcurrentDictionary<string, Lazy<string>> Built = new(StringComparer.Ordinal);

    /// <summary>The component of <paramref name="program"/>, built on first use.</summary>
    public static string Get(WasiProgram program) => Built.GetOrAdd(program.Name, _ => new(() => Build(program))).Value;

    private static string Build(WasiProgram program)
    {
        Assert.True(Jco.IsInstalled, Jco.InstallHint);
        Directory.CreateDirectory(Folder);
        string output = Path.Combine(Folder, program.Name + ".component.wasm");
        var psi = new ProcessStartInfo(Jco.Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "new", program.WasmPath, "--wasi-command", "-o", output }) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start jco");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), $"jco new {program.Name}.wasm did not finish");
        Assert.True(process.ExitCode == 0 && File.Exists(output), $"jco new {program.Name}.wasm failed: {stderr.Result}");
        return output;
    }
}
