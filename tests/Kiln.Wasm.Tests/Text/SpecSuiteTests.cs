using Xunit.Abstractions;

namespace Kiln.Wasm.Tests.Text;

/// <summary>Parses a local copy of the spec testsuite (see <see cref="SpecSuite"/>).</summary>
public sealed class SpecSuiteTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", SpecSuite.Category)]
    public void AllScriptsParse()
    {
        string dir = SpecSuite.Directory();
        var report = WastSuiteChecker.Check(dir);
        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("KILN_WAST_REASONS") is { } file) File.WriteAllLines(file, report.Reasons);
        SpecSuite.RequireWork(report.FilesParsed, "scripts");
        SpecSuite.RequireWork(report.Modules, "modules");
        Assert.True(report.Failures.Count == 0, report.ToString());
    }
}

/// <summary>Every text module of the local testsuite survives text → binary (with names) → decode unchanged.</summary>
public sealed class SpecSuiteRoundTripTests
{
    [Fact]
    [Trait("Category", SpecSuite.Category)]
    public void TextModulesRoundTripThroughTheBinaryFormat()
    {
        string dir = SpecSuite.Directory();
        var failures = new List<string>();
        int count = 0;
        foreach (var path in Directory.GetFiles(dir, "*.wast"))
        {
            var script = Kiln.Wasm.Text.Wast.WastParser.Parse(File.ReadAllText(path), Path.GetFileName(path));
            foreach (var cmd in script.Commands)
            {
                if (cmd is not Kiln.Wasm.Text.Wast.WastModuleCommand { Module.Module: { } m }) continue;
                count++;
                try
                {
                    var back = Kiln.Wasm.Binary.ModuleDecoder.Decode(Kiln.Wasm.Binary.ModuleEncoder.Encode(m));
                    if (Kiln.Wasm.Binary.ModuleComparer.FirstDifference(m, back) is { } d) failures.Add($"{Path.GetFileName(path)}:{cmd.Line}: {d}");
                }
                catch (Exception e)
                {
                    failures.Add($"{Path.GetFileName(path)}:{cmd.Line}: {e.Message}");
                }
            }
        }
        SpecSuite.RequireWork(count, "text modules");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count}:\n" + string.Join("\n", failures.Take(30)));
    }
}

/// <summary>Text modules of the local testsuite meet the validator as the scripts say: (module …) commands
/// validate, assert_invalid modules do not. Checks that parsing kept each module's meaning.</summary>
public sealed class SpecSuiteValidationTests
{
    [Fact]
    [Trait("Category", SpecSuite.Category)]
    public void TextModulesValidateAsExpected()
    {
        string dir = SpecSuite.Directory();
        var failures = new List<string>();
        int checkedModules = 0;
        foreach (var path in Directory.GetFiles(dir, "*.wast"))
        {
            string name = Path.GetFileName(path);
            foreach (var cmd in Kiln.Wasm.Text.Wast.WastParser.Parse(File.ReadAllText(path), name).Commands)
            {
                if (cmd is Kiln.Wasm.Text.Wast.WastModuleCommand { Module.Module: { } valid })
                {
                    checkedModules++;
                    try
                    {
                        Kiln.Wasm.Validation.ModuleValidator.Validate(valid);
                    }
                    catch (Kiln.Wasm.Validation.WasmValidationException e)
                    {
                        failures.Add($"{name}:{cmd.Line}: valid module rejected: {e.Message}");
                    }
                }
                else if (cmd is Kiln.Wasm.Text.Wast.WastAssertInvalid { Module.Module: { } invalid } ai)
                {
                    try
                    {
                        Kiln.Wasm.Validation.ModuleValidator.Validate(invalid, SpecSuite.Features);
                        failures.Add($"{name}:{cmd.Line}: invalid module accepted (expected \"{ai.Message}\")");
                    }
                    catch (Kiln.Wasm.Validation.WasmValidationException)
                    {
                    }
                }
            }
        }
        SpecSuite.RequireWork(checkedModules, "text modules");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }
}

/// <summary>Byte-for-byte comparison with wabt over the local spec testsuite (it depends on the installed
/// wabt version: 1.0.32 here).</summary>
public sealed class WabtComparisonTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", SpecSuite.Category)]
    public void TextModulesEncodeLikeWabt()
    {
        string dir = SpecSuite.Directory();
        SpecSuite.RequireFile("/usr/bin/wast2json");
        var report = WabtComparison.Run(dir);
        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("KILN_WABT_REPORT") is { } file) File.WriteAllText(file, report.ToString());
        SpecSuite.RequireWork(report.Compared, "modules compared with wabt");
        Assert.True(report.Differences.Count == 0, report.ToString());
    }
}
