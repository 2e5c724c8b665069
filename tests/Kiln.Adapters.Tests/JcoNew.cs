using Kiln.Reference;

namespace Kiln.Adapters.Tests;

/// <summary><c>jco new PROGRAM --adapt wasi_snapshot_preview1=ADAPTER -o OUT</c>: wit-component's component new
/// (wasm-tools in JavaScript) wiring a preview1 program to an adapter, the reference for what Kiln's adapter must
/// satisfy. Fails the test when jco is absent (.ci/run installs it).</summary>
public static class JcoNew
{
    public static byte[] Componentize(string program, string adapter, string outPath)
    {
        Assert.True(Jco.IsInstalled, Jco.InstallHint);
        var result = ProcessRunner.Run(Jco.Executable,
            ["new", program, "--adapt", $"wasi_snapshot_preview1={adapter}", "-o", outPath]);
        Assert.True(result.ExitCode == 0 && File.Exists(outPath), $"jco new {Path.GetFileName(program)} with {adapter}: {result}");
        return File.ReadAllBytes(outPath);
    }
}
