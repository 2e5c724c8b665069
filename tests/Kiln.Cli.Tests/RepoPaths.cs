namespace Kiln.Cli.Tests;

/// <summary>Where the tests find the CLI and the WASI test programs.</summary>
public static class RepoPaths
{
    /// <summary>kiln.dll, copied beside the tests by the project reference.</summary>
    public static string KilnDll { get; } = Path.Combine(AppContext.BaseDirectory, "kiln.dll");

    /// <summary>The repository root: the first directory above the tests holding Compiler.sln.</summary>
    public static string Root { get; } = FindRoot();

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
