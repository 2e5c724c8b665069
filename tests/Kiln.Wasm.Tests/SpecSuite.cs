namespace Kiln.Wasm.Tests;

/// <summary>
/// Tests over a local copy of the official spec testsuite (fetched, never committed) carry
/// <c>[Trait("Category", "SpecSuite")]</c>. <c>./test.sh</c> leaves them out; run them with
/// <c>KILN_SPEC_TESTSUITE=/path/to/testsuite dotnet test --filter Category=SpecSuite</c>.
/// Without the directory they fail: a check that did not run must never count as passed. So does a directory
/// that is not the suite (empty, or missing the core scripts), and each test fails when it checked nothing.
/// </summary>
internal static class SpecSuite
{
    public const string Category = "SpecSuite";

    /// <summary>The suite is Wasm 2.0's: its malformed and invalid modules are judged by Wasm 2.0's grammar and rules
    /// (multi-memory made some of them legal).</summary>
    public const WasmFeatures Features = WasmFeatures.Wasm2;

    /// <summary>Scripts every copy of the Wasm 2.0 suite has; a directory without them is not the suite.</summary>
    private static readonly string[] CoreScripts = ["i32.wast", "i64.wast", "f32.wast", "f64.wast", "conversions.wast", "br_table.wast", "memory.wast", "binary.wast"];

    /// <summary>The suite directory (KILN_SPEC_TESTSUITE); fails the test when it is not there or is not the suite.</summary>
    public static string Directory()
    {
        string dir = RequireDirectory("KILN_SPEC_TESTSUITE");
        var missing = CoreScripts.Where(f => !File.Exists(Path.Combine(dir, f))).ToList();
        int scripts = System.IO.Directory.GetFiles(dir, "*.wast").Length;
        if (missing.Count > 0 || scripts < 100)
            Assert.Fail($"KILN_SPEC_TESTSUITE={dir} is not the spec testsuite: {scripts} .wast files, missing {string.Join(", ", missing)}");
        return dir;
    }

    /// <summary>Fails a suite test that checked nothing (a count of zero means the test did not run).</summary>
    public static void RequireWork(int count, string what)
    {
        if (count <= 0) Assert.Fail($"this {Category} test checked no {what}");
    }

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
