using System.Text.Json;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Printing;
using Xunit.Abstractions;

namespace Kiln.Wasm.Tests.Printing;

/// <summary>
/// Every module of a local spec suite copy (KILN_SPEC_TESTSUITE, see SpecSuite), assembled by
/// wabt's wast2json, is decoded, printed and assembled again by wat2wasm; the bytes must match.
/// </summary>
public sealed class SpecSuiteRoundTripTests(ITestOutputHelper output)
{
    /// <param name="variant">
    /// <c>hex</c>: default options. <c>decimal-offsets</c>: decimal floats and <c>(;@offset;)</c> comments, which
    /// must not change the bytes. <c>names</c>: each module first gets names from <c>wasm2wat --generate-names</c>
    /// and <c>wat2wasm --debug-names</c>, and the printed text must give back the same function and local names
    /// (the model keeps only those, so the name section bytes are compared through <see cref="Module.Names"/>).
    /// </param>
    [Theory]
    [Trait("Category", SpecSuite.Category)]
    [InlineData("hex")]
    [InlineData("decimal-offsets")]
    [InlineData("names")]
    public void SpecSuiteModulesPrintBackToTheSameModule(string variant)
    {
        var dir = SpecSuite.Directory();
        var options = variant == "decimal-offsets"
            ? new WatPrinterOptions { FloatStyle = WatFloatStyle.Decimal, ShowOffsets = true }
            : WatPrinterOptions.Default;
        bool names = variant == "names";
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
                if (names)
                {
                    try
                    {
                        original = Wabt.Wat2Wasm(Wabt.Wasm2Wat(original, "--generate-names"), debugNames: true, check: false);
                    }
                    catch (Xunit.Sdk.XunitException e)
                    {
                        // wabt cannot always name a module it reads (exports named "" or "$" give invalid ids).
                        output.WriteLine($"{where}: wabt could not make a named version, not checked: {e.Message.Split('\n')[1]}");
                        continue;
                    }
                }
                total++;
                try
                {
                    var module = ModuleDecoder.Decode(original);
                    string text = WatPrinter.Print(module, options);
                    // wabt's validator refuses some valid modules (global.get element items): parse only,
                    // the comparison below is the check.
                    var again = Wabt.Wat2Wasm(text, debugNames: names, check: false);
                    if (again.AsSpan().SequenceEqual(original))
                    {
                        exact++;
                        continue;
                    }
                    // Modules written as (module binary …) may use encodings wabt never emits (padded LEBs,
                    // custom sections, an empty data count section), and wabt's names cover more than the
                    // model's: the text cannot keep those, so such a module must print the same as what wabt
                    // made of its text once custom sections are set aside, and keep its names.
                    var reread = ModuleDecoder.Decode(again);
                    if (names && NamesDiffer(module.Names, reread.Names) is { } nd)
                    {
                        failures.Add($"{where}: names differ: {nd}");
                        continue;
                    }
                    module.CustomSections.Clear();
                    reread.CustomSections.Clear();
                    CanonicalizeElements(module);
                    CanonicalizeElements(reread);
                    // Offsets legitimately move when the encoding does, so compare without them.
                    var plain = options with { ShowOffsets = false };
                    string before = WatPrinter.Print(module, plain), after = WatPrinter.Print(reread, plain);
                    if (before == after) sameModule++;
                    else failures.Add($"{where}: bytes differ and so does the text: {FirstLineDiff(before, after)}");
                }
                catch (Exception e)
                {
                    failures.Add($"{where}: {e.GetType().Name}: {e.Message.Split('\n')[0]} {e.Message.Split('\n').ElementAtOrDefault(1)}");
                }
            }
        }
        output.WriteLine($"{variant}: {total} modules, {exact} byte-exact, {sameModule} equal as modules but encoded differently, {failures.Count} failures");
        foreach (var f in failures) output.WriteLine(f);
        SpecSuite.RequireWork(total, "modules");
        Assert.Empty(failures);
    }

    private static string? NamesDiffer(NameSection? a, NameSection? b)
    {
        if (a is null || b is null) return a == b ? null : $"one side has no names ({a is null} vs {b is null})";
        if (a.ModuleName != b.ModuleName) return $"module name {a.ModuleName} vs {b.ModuleName}";
        foreach (var (i, n) in a.FunctionNames)
        {
            if (b.FunctionNames.GetValueOrDefault(i) != n) return $"function {i}: {n} vs {b.FunctionNames.GetValueOrDefault(i)}";
        }
        if (a.FunctionNames.Count != b.FunctionNames.Count) return "function name count";
        foreach (var (f, locals) in a.LocalNames)
        {
            var other = b.LocalNames.GetValueOrDefault(f);
            foreach (var (i, n) in locals)
            {
                if (other?.GetValueOrDefault(i) != n) return $"function {f} local {i}: {n} vs {other?.GetValueOrDefault(i)}";
            }
        }
        return null;
    }

    /// <summary>
    /// Rewrites element segments in the form wabt chooses for them: function indices whenever every item is
    /// a plain <c>ref.func</c>, and no explicit table for table 0 — so a form wabt does not keep compares equal.
    /// </summary>
    private static void CanonicalizeElements(WasmModule m)
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
