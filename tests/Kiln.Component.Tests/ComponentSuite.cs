namespace Kiln.Component.Tests;

/// <summary>
/// Tests over the component model's own test folder (fetched, never committed) carry
/// <c>[Trait("Category", "ComponentSuite")]</c>. <c>./test.sh</c> leaves them out; run them with
/// <c>KILN_COMPONENT_TESTSUITE=/path/to/component-model/test dotnet test tests/Kiln.Component.Tests --filter Category=ComponentSuite</c>.
/// Without the directory they fail: a check that did not run must never count as passed.
/// </summary>
internal static class ComponentSuite
{
    public const string Category = "ComponentSuite";

    public static string Directory() => RequireDirectory("KILN_COMPONENT_TESTSUITE");

    public static string RequireDirectory(string variable)
    {
        string? dir = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(dir) || !System.IO.Directory.Exists(dir))
            Assert.Fail($"{variable} must name an existing directory for this {Category} test (it is '{dir}')");
        return dir!;
    }

    /// <summary>Every .wast file under the suite except those nyi.txt lists.</summary>
    public static IEnumerable<string> WastFiles(string dir)
    {
        var nyi = new HashSet<string>(StringComparer.Ordinal);
        string nyiPath = Path.Combine(dir, "nyi.txt");
        if (File.Exists(nyiPath))
            foreach (var line in File.ReadAllLines(nyiPath))
            {
                var t = line.Trim();
                if (t.Length > 0 && !t.StartsWith('#')) nyi.Add(Path.GetFullPath(Path.Combine(dir, t)));
            }
        foreach (var f in System.IO.Directory.EnumerateFiles(dir, "*.wast", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            if (!nyi.Contains(Path.GetFullPath(f))) yield return f;
    }
}
