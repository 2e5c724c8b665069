using System.Text.Json;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Printing;
using Xunit.Abstractions;

namespace Kiln.Wasm.Tests.Printing;

/// <summary>
/// Every module of a local spec suite copy (KILN_SPEC_TESTSUITE; nothing runs without it), assembled by
/// wabt's wast2json, is decoded, printed and assembled again by wat2wasm; the bytes must match.
/// </summary>
public sealed class SpecSuiteRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public void SpecSuiteModulesPrintBackToTheSameBytes()
    {
        var dir = Environment.GetEnvironmentVariable("KILN_SPEC_TESTSUITE");
        if (string.IsNullOrEmpty(dir) || !Directory.Exists(dir))
        {
            output.WriteLine("KILN_SPEC_TESTSUITE not set: skipped");
            return;
        }
        string wast2json = Wabt.Tool("wast2json");
        int total = 0, exact = 0, sameModule = 0;
        var failures = new List<string>();
        foreach (var wast in Directory.GetFiles(dir, "*.wast").Order())
        {
            using var tmp = new Wabt.TempDir();
            var json = Path.Combine(tmp.Path, "t.json");
            var (code, err) = Wabt.Run(wast2json, [wast, "-o", json]);
            if (code != 0)
            {
                output.WriteLine($"{Path.GetFileName(wast)}: wast2json refused it, not checked: {err.Split('\n')[0]}");
                continue;
            }
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            foreach (var cmd in doc.RootElement.GetProperty("commands").EnumerateArray())
            {
                if (cmd.GetProperty("type").GetString() != "module") continue;
                string file = cmd.GetProperty("filename").GetString()!;
                string where = $"{Path.GetFileName(wast)}:{cmd.GetProperty("line").GetInt32()}";
                var original = File.ReadAllBytes(Path.Combine(tmp.Path, file));
                total++;
                try
                {
                    var module = ModuleDecoder.Decode(original);
                    string text = WatPrinter.Print(module);
                    module.CustomSections.Clear();
                    CanonicalizeElements(module);
                    string textWithoutCustom = WatPrinter.Print(module);
                    var again = Wabt.Wat2Wasm(text, check: false);
                    if (again.AsSpan().SequenceEqual(original))
                    {
                        exact++;
                        continue;
                    }
                    // Modules written as (module binary …) may use encodings wabt never emits (padded LEBs,
                    // custom sections, an empty data count section): the text cannot keep those, so such a module
                    // must print the same as what wabt made of its text once custom sections are set aside.
                    var reread = ModuleDecoder.Decode(again);
                    CanonicalizeElements(reread);
                    string reprinted = WatPrinter.Print(reread);
                    if (reprinted == textWithoutCustom) sameModule++;
                    else failures.Add($"{where}: bytes differ and so does the text: {FirstLineDiff(textWithoutCustom, reprinted)}");
                }
                catch (Exception e)
                {
                    failures.Add($"{where}: {e.GetType().Name}: {e.Message.Split('\n')[0]} {e.Message.Split('\n').ElementAtOrDefault(1)}");
                }
            }
        }
        output.WriteLine($"{total} modules, {exact} byte-exact, {sameModule} equal as modules but encoded differently, {failures.Count} failures");
        foreach (var f in failures) output.WriteLine(f);
        Assert.Empty(failures);
    }

    /// <summary>
    /// Rewrites element segments in the form wabt chooses for them: function indices whenever every item is
    /// a plain <c>ref.func</c>, and no explicit table for table 0 — so a form wabt does not keep compares equal.
    /// </summary>
    private static void CanonicalizeElements(Module m)
    {
        for (int i = 0; i < m.Elements.Count; i++)
        {
            var e = m.Elements[i];
            uint[]? funcs = e.FunctionIndices;
            if (funcs is null && e.ElementType == ValType.FuncRef)
            {
                var exprs = e.Expressions!;
                var indices = new uint[exprs.Length];
                bool allRefFunc = true;
                for (int k = 0; k < exprs.Length && allRefFunc; k++)
                {
                    var r = new InstructionReader(exprs[k].Code.Span, 0);
                    var ins = r.Read();
                    allRefFunc = ins.Opcode == Opcode.RefFunc && r.Read().Opcode == Opcode.End && r.AtEnd;
                    indices[k] = ins.Index;
                }
                if (allRefFunc) funcs = indices;
            }
            m.Elements[i] = new ElementSegment
            {
                Mode = e.Mode, TableIndex = e.TableIndex, Offset = e.Offset, ElementType = e.ElementType,
                FunctionIndices = funcs, Expressions = funcs is null ? e.Expressions : null, Encoding = -1,
            };
        }
    }

    private static string FirstLineDiff(string a, string b)
    {
        var la = a.Split('\n');
        var lb = b.Split('\n');
        for (int i = 0; i < Math.Max(la.Length, lb.Length); i++)
        {
            string x = i < la.Length ? la[i] : "<end>", y = i < lb.Length ? lb[i] : "<end>";
            if (x != y) return $"line {i + 1}: \"{x.Trim()}\" vs \"{y.Trim()}\"";
        }
        return "no line differs";
    }
}
