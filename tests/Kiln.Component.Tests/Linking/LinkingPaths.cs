using Kiln.Reference;

namespace Kiln.Component.Tests.Linking;

/// <summary>Where the Linking tests find the WASI programs (built by tests/wasi/build.sh, which ./test.sh runs) and
/// jco's preview1 adapter (.ci/run installs jco). Anything missing fails the test: it never passes silently.</summary>
internal static class LinkingPaths
{
    public static string Root { get; } = FindRoot();

    public static string WasiPrograms => Path.Combine(Root, "tests", "wasi");

    public static string CommandAdapter()
    {
        Assert.True(Jco.IsInstalled, Jco.InstallHint);
        string path = Jco.Preview1Adapter("command");
        Assert.True(File.Exists(path), $"{path} is missing: {Jco.InstallHint}");
        return path;
    }

    public static string WasiProgram(string name)
    {
        string path = Path.Combine(WasiPrograms, name + ".wasm");
        Assert.True(File.Exists(path), $"{path} is missing: build the test programs with tests/wasi/build.sh (./test.sh does)");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Compiler.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Compiler.sln above {AppContext.BaseDirectory}");
    }
}
