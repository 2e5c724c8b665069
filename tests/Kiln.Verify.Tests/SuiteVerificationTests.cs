using Xunit.Abstractions;

namespace Kiln.Verify.Tests;

/// <summary>Everything the compiler makes from the test scripts must verify: the verifier refuses no honest code.</summary>
public sealed class SuiteVerificationTests(ITestOutputHelper output)
{
    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Compiler.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void EveryModuleOfTheProjectsWastScriptsVerifies()
    {
        var files = Directory.GetFiles(Path.Combine(RepoRoot(), "tests", "wast"), "*.wast");
        Assert.NotEmpty(files);
        var r = ScriptModules.VerifyAll(files);
        output.WriteLine($"{files.Length} scripts: {r.Modules} modules, {r.Functions} functions and trampolines verified, {r.Simd} SIMD modules not compiled");
        Assert.True(r.Modules >= 20 && r.Functions >= 100, $"only {r.Modules} modules / {r.Functions} functions were checked");
        Assert.True(r.Failures.Count == 0, string.Join("\n", r.Failures.Take(30)));
    }

    /// <summary>The official suite (KILN_SPEC_TESTSUITE, never committed); run by hand with --filter Category=SpecSuite.</summary>
    [Fact]
    [Trait("Category", "SpecSuite")]
    public void EveryModuleOfTheSpecSuiteVerifies()
    {
        string dir = Environment.GetEnvironmentVariable("KILN_SPEC_TESTSUITE") ?? "";
        Assert.True(File.Exists(Path.Combine(dir, "i32.wast")), $"KILN_SPEC_TESTSUITE='{dir}' is not the spec testsuite");
        var files = Directory.GetFiles(dir, "*.wast");
        var r = ScriptModules.VerifyAll(files);
        output.WriteLine($"{files.Length} scripts: {r.Modules} modules, {r.Functions} functions and trampolines verified, {r.Simd} SIMD modules not compiled, {r.Failures.Count} failures");
        Assert.True(files.Length >= 100 && r.Modules >= 1000, $"only {files.Length} scripts / {r.Modules} modules were checked");
        Assert.True(r.Failures.Count == 0, $"{r.Failures.Count} failures:\n" + string.Join("\n", r.Failures.Take(40)));
    }
}
