using System.Diagnostics;

namespace Kiln.Component.Tests.Suite;

/// <summary>wasm-tools' text parser as jco carries it (the oracle for ComponentSuite tests only): many texts
/// through one node process running <c>jco-parse.mjs</c>. <c>KILN_JCO_NODE_MODULES</c> names the node_modules
/// holding @bytecodealliance/jco-transpile (default /work/tools/node_modules).</summary>
internal static class JcoParse
{
    /// <summary>For each text, its binary or wasm-tools' error; a null text gives (null, null).</summary>
    public static (byte[]? Bytes, string? Error)[] ParseAll(IReadOnlyList<string?> texts)
    {
        string nodeModules = Environment.GetEnvironmentVariable("KILN_JCO_NODE_MODULES") is { Length: > 0 } m ? m : "/work/tools/node_modules";
        string work = Path.Combine(Path.GetTempPath(), $"kiln-cm-suite-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            for (int i = 0; i < texts.Count; i++)
                if (texts[i] is { } t) File.WriteAllText(Path.Combine(work, $"{i}.wat"), t);
            string script = Path.Combine(AppContext.BaseDirectory, "Suite", "jco-parse.mjs");
            var psi = new ProcessStartInfo("node", [script, nodeModules, work]) { RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            string stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"node {script} failed: {stderr}");
            var result = new (byte[]?, string?)[texts.Count];
            for (int i = 0; i < texts.Count; i++)
            {
                if (texts[i] is null) continue;
                string wasm = Path.Combine(work, $"{i}.wasm"), err = Path.Combine(work, $"{i}.err");
                result[i] = File.Exists(wasm) ? (File.ReadAllBytes(wasm), null) : (null, File.Exists(err) ? File.ReadAllText(err) : "no output");
            }
            return result;
        }
        finally { Directory.Delete(work, recursive: true); }
    }
}
