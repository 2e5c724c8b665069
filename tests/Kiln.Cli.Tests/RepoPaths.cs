namespace Kiln.Cli.Tests;

/// <summary>Where the tests find the CLI and the WASI test programs.</summary>
public static class RepoPaths
{
    /// <summary>kiln.dll, copied beside the tests by the project reference.</summary>
    public static string KilnDll { get; } = Path.Combine(AppContext.BaseDirectory, "kiln.dll");

    /// <summary>
    /// KILN_CLI, when set: the kiln executable to run instead of <c>dotnet exec kiln.dll</c>. test.sh points it at
    /// the Native AOT executable that ./kiln builds and runs, so the CLI tests check the binary users get.
    /// </summary>
    public static string? KilnExecutable { get; } =
        Environment.GetEnvironmentVariable("KILN_CLI") is { Length: > 0 } exe ? Path.GetFullPath(exe) : null;

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
