using System.Diagnostics;
using Xunit.Sdk;

namespace Kiln.Wasm.Tests.Printing;

/// <summary>
/// Runs wabt's tools (wat2wasm, wast2json) for round-trip tests. A missing tool fails the test that needs
/// it, loudly: these tests exist to prove the printer's output against the reference assembler, so CI
/// must install the <c>wabt</c> package rather than let them pass silently.
/// </summary>
internal static class Wabt
{
    public static string Tool(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin"))
        {
            if (dir.Length == 0) continue;
            var path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        throw new XunitException($"wabt's {name} was not found on PATH: install wabt (apt-get install wabt) to run the printer round-trip tests");
    }

    /// <summary>Assembles <paramref name="wat"/>; a rejection fails the test with wabt's message and the text.</summary>
    /// <param name="check">false passes --no-check: parse only, for modules known valid that wabt's validator
    /// wrongly refuses (it allows only ref.null and ref.func as element expressions).</param>
    public static byte[] Wat2Wasm(string wat, bool debugNames = false, bool check = true)
    {
        using var dir = new TempDir();
        var input = Path.Combine(dir.Path, "m.wat");
        var output = Path.Combine(dir.Path, "m.wasm");
        File.WriteAllText(input, wat);
        var args = new List<string> { input, "-o", output };
        if (debugNames) args.Add("--debug-names");
        if (!check) args.Add("--no-check");
        var (code, stderr) = Run(Tool("wat2wasm"), args);
        if (code != 0) throw new XunitException($"wat2wasm rejected the text:\n{stderr}\n--- text ---\n{wat}");
        return File.ReadAllBytes(output);
    }

    /// <summary>Disassembles with wasm2wat, passing <paramref name="flags"/> (e.g. --generate-names).</summary>
    public static string Wasm2Wat(byte[] wasm, params string[] flags)
    {
        using var dir = new TempDir();
        var input = Path.Combine(dir.Path, "m.wasm");
        var output = Path.Combine(dir.Path, "m.wat");
        File.WriteAllBytes(input, wasm);
        var (code, stderr) = Run(Tool("wasm2wat"), [input, "-o", output, .. flags]);
        if (code != 0) throw new XunitException($"wasm2wat refused the module:\n{stderr}");
        return File.ReadAllText(output);
    }

    public static (int ExitCode, string Stderr) Run(string tool, IEnumerable<string> args, string? workDir = null)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (workDir is not null) psi.WorkingDirectory = workDir;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stderr.Result);
    }

    public sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = Directory.CreateTempSubdirectory("kiln-print-").FullName;
        }

        public string Path { get; }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
