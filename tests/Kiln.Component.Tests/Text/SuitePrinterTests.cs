using System.Diagnostics;
using Kiln.Component.Binary;
using Kiln.Component.Tests.Binary;
using Kiln.Component.Text.Printing;
using Xunit.Abstractions;

namespace Kiln.Component.Tests.Text;

/// <summary>
/// Every suite component (the binaries of <see cref="SuiteRoundTripTests"/>) printed by <see cref="ComponentPrinter"/>
/// must be accepted by jco's wasm-tools <c>parse</c> and assemble to the binary it was printed from. jco is found under
/// <c>KILN_JCO_NODE_MODULES</c> (a node_modules directory holding @bytecodealliance/jco; default /work/tools/node_modules)
/// and run once for all files by node.
/// </summary>
[Trait("Category", ComponentSuite.Category)]
public class SuitePrinterTests(ITestOutputHelper output)
{
    /// <summary>Printed components jco refuses, and why.</summary>
    private static readonly Dictionary<string, string> KnownRefusals = new()
    {
        ["binary/binary.wast:974"] = "wasm-tools no longer parses the `cancellable` option it still decodes (component-model#716)",
    };

    private const string ParseAll = """
        const [dir, api] = process.argv.slice(1);
        const { parse } = await import(api);
        const fs = await import('node:fs');
        for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.wat'))) {
          const out = dir + '/' + f.replace(/\.wat$/, '.back.wasm');
          try { fs.writeFileSync(out, await parse(fs.readFileSync(dir + '/' + f, 'utf8'))); }
          catch (e) { fs.writeFileSync(out + '.err', String(e?.message ?? e).split('\n')[0]); }
        }
        """;

    [Fact]
    public void PrintedSuiteComponentsAssembleToTheSameBytes()
    {
        string bins = ComponentSuite.RequireDirectory("KILN_COMPONENT_BINARIES");
        string modules = Environment.GetEnvironmentVariable("KILN_JCO_NODE_MODULES") ?? "/work/tools/node_modules";
        string api = Path.Combine(modules, "@bytecodealliance/jco/dist/api.js");
        if (!File.Exists(api)) Assert.Fail($"{api} is required by this {ComponentSuite.Category} test");
        string work = Path.Combine(Path.GetTempPath(), $"kiln-cm-print-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        var originals = new Dictionary<int, (SuiteRoundTripTests.Entry Entry, byte[] Bytes)>();
        foreach (var e in SuiteRoundTripTests.Manifest(bins))
        {
            if (!e.ok) continue;
            var bytes = File.ReadAllBytes(Path.Combine(bins, $"{e.id}.wasm"));
            try
            {
                File.WriteAllText(Path.Combine(work, $"{e.id}.wat"), ComponentPrinter.Print(ComponentDecoder.Decode(bytes)));
                originals[e.id] = (e, bytes);
            }
            catch (ComponentDecodeException) { }
        }
        var psi = new ProcessStartInfo("node", ["--input-type=module", "-e", ParseAll, work, new Uri(api).AbsoluteUri]) { RedirectStandardError = true };
        using (var node = Process.Start(psi)!)
        {
            string err = node.StandardError.ReadToEnd();
            node.WaitForExit();
            Assert.True(node.ExitCode == 0, "node failed: " + err);
        }
        var failures = new List<string>();
        var notes = new List<string>();
        int same = 0, namesOnly = 0, handWritten = 0, refused = 0;
        foreach (var (id, (e, bytes)) in originals.OrderBy(kv => kv.Key))
        {
            string where = $"{e.file}:{e.line} ({e.head}, {e.kind}) [{work}/{id}.wat]";
            string back = Path.Combine(work, $"{id}.back.wasm");
            if (File.Exists(back + ".err"))
            {
                refused++;
                (KnownRefusals.ContainsKey($"{e.file}:{e.line}") ? notes : failures).Add($"{where}: jco refused the text: {File.ReadAllText(back + ".err")}");
                continue;
            }
            var again = File.ReadAllBytes(back);
            if (again.AsSpan().SequenceEqual(bytes)) { same++; continue; }
            var a = ComponentDecoder.Decode(bytes);
            var b = ComponentDecoder.Decode(again);
            if (ComponentEncoder.Encode(WithoutCoreNames(a)).AsSpan().SequenceEqual(ComponentEncoder.Encode(WithoutCoreNames(b))))
            {
                // Kiln.Wasm's WatPrinter names functions and locals only: names of globals, memories, tables,
                // types, … in a core module's name section are not printed, so they do not come back.
                namesOnly++;
                notes.Add($"{where}: differs only in core module name sections");
            }
            else if (e.kind == "binary")
            {
                // A hand-written binary may hold what text cannot say: custom sections, empty or split sections,
                // the 0x01 and bare 0x02 name forms, padded LEB128s.
                handWritten++;
                notes.Add($"{where}: hand-written binary: {ComponentComparer.FirstDifference(a, b) ?? "equal components, different bytes"}");
            }
            else failures.Add($"{where}: assembled bytes differ: {ComponentComparer.FirstDifference(a, b) ?? "equal components, different bytes"}");
        }
        string summary = $"{originals.Count} printed: {same} assembled to the same bytes, {namesOnly} differ only in core module names, "
            + $"{handWritten} hand-written binaries differ, {refused} refused by jco, {failures.Count} failures";
        output.WriteLine(summary);
        foreach (var n in notes) output.WriteLine(n);
        foreach (var f in failures) output.WriteLine(f);
        Assert.True(failures.Count == 0, summary + "\n" + string.Join("\n", failures.Take(60)));
        Assert.True(same > 0);
    }

    /// <summary>The component with every nested core module re-encoded without its name section.</summary>
    private static Kiln.Component.Model.WasmComponent WithoutCoreNames(Kiln.Component.Model.WasmComponent c)
    {
        for (int i = 0; i < c.Sections.Count; i++)
        {
            switch (c.Sections[i])
            {
                case Kiln.Component.Model.CoreModuleSection m:
                    m.Module.CustomSections.RemoveAll(x => x.Name == "name");
                    m.Module.Names = null;
                    m.Bytes = ReadOnlyMemory<byte>.Empty;
                    break;
                case Kiln.Component.Model.NestedComponentSection n:
                    WithoutCoreNames(n.Component);
                    break;
            }
        }
        return c;
    }
}
