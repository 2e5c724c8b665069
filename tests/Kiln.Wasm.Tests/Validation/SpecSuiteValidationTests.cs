using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Wast;
using Kiln.Wasm.Validation;
using Xunit.Abstractions;

namespace Kiln.Wasm.Tests.Validation;

/// <summary>
/// Runs the validator over a local copy of the spec testsuite (see SpecSuite; the suite is never committed):
/// every assert_invalid module must be rejected
/// with the expected message as a prefix of our reason, and every plain module must validate.
/// </summary>
public sealed class SpecSuiteValidationTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", SpecSuite.Category)]
    public void AssertInvalidAndValidModules()
    {
        string dir = SpecSuite.Directory();

        int invalid = 0, rejected = 0, valid = 0, accepted = 0;
        var failures = new List<string>();
        foreach (var path in Directory.GetFiles(dir, "*.wast").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            WastScript script;
            try
            {
                script = WastParser.Parse(File.ReadAllText(path), name);
            }
            catch (WatParseException)
            {
                continue; // the text front end's own suite test reports these
            }
            foreach (var cmd in script.Commands)
            {
                if (cmd is WastAssertInvalid ai)
                {
                    invalid++;
                    string? outcome = Run(ai.Module, out string? reason);
                    if (outcome == "rejected" && reason!.StartsWith(ai.Message, StringComparison.Ordinal)) rejected++;
                    else failures.Add($"{name}:{cmd.Line}: expected \"{ai.Message}\", {outcome}{(reason is null ? "" : $": {reason}")}");
                }
                else if (cmd is WastModuleCommand mc)
                {
                    valid++;
                    string? outcome = Run(mc.Module, out string? reason);
                    if (outcome == "valid") accepted++;
                    else failures.Add($"{name}:{cmd.Line}: valid module {outcome}: {reason}");
                }
            }
        }
        output.WriteLine($"assert_invalid rejected with the expected message: {rejected}/{invalid}");
        output.WriteLine($"modules accepted: {accepted}/{valid}");
        foreach (var f in failures) output.WriteLine(f);
        SpecSuite.RequireWork(valid, "valid modules");
        SpecSuite.RequireWork(invalid, "assert_invalid modules");
        Assert.True(accepted == valid, string.Join('\n', failures));
        Assert.True(rejected >= invalid * 0.995, string.Join('\n', failures));
    }

    private static string Run(WastModuleDefinition def, out string? reason)
    {
        WasmModule module;
        try
        {
            module = def.GetModule(b => ModuleDecoder.Decode(b, SpecSuite.Features));
        }
        catch (Exception e) when (e is WatParseException or WasmDecodeException)
        {
            reason = e.Message;
            return "did not parse or decode";
        }
        try
        {
            ModuleValidator.Validate(module, SpecSuite.Features);
            reason = null;
            return "valid";
        }
        catch (WasmValidationException e)
        {
            reason = e.Reason;
            return "rejected";
        }
        catch (WasmDecodeException e)
        {
            reason = e.Message;
            return "malformed code";
        }
    }
}
