namespace Kiln.Adapters.Tests;

/// <summary>Where the tests find the adapter's sources and the WASI test programs.</summary>
public static class RepoPaths
{
    /// <summary>The repository root: the first directory above the tests holding Compiler.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>adapters/wasi-preview1: the adapter's C sources, WIT and build script.</summary>
    public static string Adapter => Path.Combine(Root, "adapters", "wasi-preview1");

    /// <summary>tests/wasi: the C programs, their expected outputs and the built .wasm files.</summary>
    public static string WasiPrograms => Path.Combine(Root, "tests", "wasi");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compiler.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Compiler.sln above {AppContext.BaseDirectory}");
    }
}
