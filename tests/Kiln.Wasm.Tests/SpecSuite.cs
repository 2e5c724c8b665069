namespace Kiln.Wasm.Tests;

/// <summary>
/// Tests over a local copy of the official spec testsuite (fetched, never committed) carry
/// <c>[Trait("Category", "SpecSuite")]</c>. <c>./test.sh</c> leaves them out; run them with
/// <c>KILN_SPEC_TESTSUITE=/path/to/testsuite dotnet test --filter Category=SpecSuite</c>.
/// Without the directory they fail: a check that did not run must never count as passed.
/// </summary>
internal static class SpecSuite
{
    public const string Category = "SpecSuite";

    /// <summary>The suite directory (KILN_SPEC_TESTSUITE); fails the test when it is not there.</summary>
    public static string Directory() => RequireDirectory("KILN_SPEC_TESTSUITE");

    /// <summary>A directory named by an environment variable; fails the test when it is not set or missing.</summary>
    public static string RequireDirectory(string variable)
    {
        string? dir = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(dir) || !System.IO.Directory.Exists(dir))
            Assert.Fail($"{variable} must name an existing directory for this {Category} test (it is '{dir}')");
        return dir!;
    }

    /// <summary>A tool the test needs; fails the test when it is not installed.</summary>
    public static void RequireFile(string path)
    {
        if (!File.Exists(path)) Assert.Fail($"{path} is required by this {Category} test");
    }
}
