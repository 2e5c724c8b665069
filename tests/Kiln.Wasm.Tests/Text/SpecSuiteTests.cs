using Xunit.Abstractions;

namespace Kiln.Wasm.Tests.Text;

/// <summary>Parses a local copy of the spec testsuite when one is present (KILN_WAST_DIR, or
/// /work/testsuite-2.0); the suite itself is never committed.</summary>
public sealed class SpecSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public void AllScriptsParse()
    {
        string dir = Environment.GetEnvironmentVariable("KILN_WAST_DIR") ?? "/work/testsuite-2.0";
        if (!Directory.Exists(dir)) return;
        var report = WastSuiteChecker.Check(dir);
        output.WriteLine(report.ToString());
        Assert.True(report.Failures.Count == 0, report.ToString());
    }
}
