using System.Diagnostics;
using Kiln.Reference;

namespace Kiln.Component.Tests.Linking;

/// <summary>wasm-tools as jco carries it (Suite/jco-wit.mjs): embed (dummy module), new, wit. Missing jco fails.</summary>
internal static class JcoTool
{
    public static void Run(params string[] args)
    {
        Assert.True(Jco.IsInstalled, Jco.InstallHint);
        string script = Path.Combine(AppContext.BaseDirectory, "Suite", "jco-wit.mjs");
        var psi = new ProcessStartInfo("node", [script, Jco.NodeModules, .. args]) { RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"jco {string.Join(' ', args)} failed: {stderr}");
    }
}
