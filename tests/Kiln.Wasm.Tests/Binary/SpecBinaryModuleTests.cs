using System.Text.Json;
using Kiln.Wasm.Binary;
using Xunit.Abstractions;

namespace Kiln.Wasm.Tests.Binary;

/// <summary>
/// Runs every binary module of a local spec suite copy (KILN_SPEC_TESTSUITE, see SpecSuite) through
/// the decoder: malformed ones must be refused, all others must decode and survive encode → decode.
/// Message wording differences are reported, not failed: the reference interpreter reads past section ends,
/// so a bounded decoder cannot always word truncation the same way.
/// </summary>
public sealed class SpecBinaryModuleTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", SpecSuite.Category)]
    public void SpecSuiteBinaryModulesDecodeAsExpected()
    {
        var dir = SpecSuite.Directory();
        int total = 0, wordingDiffers = 0;
        var failures = new List<string>();
        foreach (var file in Directory.GetFiles(dir, "*.wast").Order())
        {
            foreach (var m in WastBinaryModules.Read(file))
            {
                total++;
                string where = $"{m.File}:{m.Line}";
                if (m.Assertion == "assert_malformed")
                {
                    try
                    {
                        ModuleDecoder.Decode(m.Bytes, SpecSuite.Features);
                        failures.Add($"{where}: accepted, expected \"{m.Expected}\"");
                    }
                    catch (WasmDecodeException e) when (e.Reason != m.Expected)
                    {
                        wordingDiffers++;
                        output.WriteLine($"{where}: \"{e.Reason}\" where the suite says \"{m.Expected}\"");
                    }
                    catch (WasmDecodeException)
                    {
                    }
                    continue;
                }
                try
                {
                    var module = ModuleDecoder.Decode(m.Bytes);
                    var again = ModuleDecoder.Decode(ModuleEncoder.Encode(module));
                    if (ModuleComparer.FirstDifference(module, again) is { } diff) failures.Add($"{where}: round trip: {diff}");
                }
                catch (WasmDecodeException e)
                {
                    failures.Add($"{where}: {m.Assertion} refused: {e.Message}");
                }
            }
        }
        output.WriteLine($"{total} binary modules, {wordingDiffers} with other wording, {failures.Count} failures");
        SpecSuite.RequireWork(total, "binary modules");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// The whole suite compiled by wabt's <c>wast2json</c> into a directory named by KILN_SPEC_JSON: modules and assert_invalid modules must decode and round-trip, binary assert_malformed ones
    /// must be refused. (wabt omits the data count section in a few invalid modules, which then count as malformed.)
    /// </summary>
    [Fact]
    [Trait("Category", SpecSuite.Category)]
    public void Wast2JsonModulesDecodeAsExpected()
    {
        var dir = SpecSuite.RequireDirectory("KILN_SPEC_JSON");
        int total = 0;
        var failures = new List<string>();
        foreach (var json in Directory.GetFiles(dir, "*.json").Order())
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            foreach (var cmd in doc.RootElement.GetProperty("commands").EnumerateArray())
            {
                if (!cmd.TryGetProperty("filename", out var name) || !name.GetString()!.EndsWith(".wasm", StringComparison.Ordinal)) continue;
                string type = cmd.GetProperty("type").GetString()!;
                string where = $"{Path.GetFileName(json)}:{cmd.GetProperty("line").GetInt32()}";
                var bytes = File.ReadAllBytes(Path.Combine(dir, name.GetString()!));
                total++;
                try
                {
                    var module = ModuleDecoder.Decode(bytes, SpecSuite.Features);
                    if (type == "assert_malformed") failures.Add($"{where}: malformed module accepted");
                    else if (ModuleComparer.FirstDifference(module, ModuleDecoder.Decode(ModuleEncoder.Encode(module))) is { } diff)
                        failures.Add($"{where}: round trip: {diff}");
                }
                catch (WasmDecodeException e) when (type != "assert_malformed")
                {
                    if (e.Reason == "data count section required" && type == "assert_invalid") continue;
                    failures.Add($"{where}: {type} refused: {e.Message}");
                }
                catch (WasmDecodeException)
                {
                }
            }
        }
        output.WriteLine($"{total} modules, {failures.Count} failures");
        SpecSuite.RequireWork(total, "wast2json modules");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
