using Xunit.Abstractions;
using System.Text.Json;
using Kiln.Component.Binary;

namespace Kiln.Component.Tests.Binary;

/// <summary>
/// Every <c>(component ...)</c> form of the component model's test folder (text, quote and binary, inside assertions
/// too, nyi.txt left out), as binaries made by jco's wasm-tools <c>parse</c>: a script kept outside the repository
/// (it reads fetched files) writes <c>N.wasm</c> per form and a <c>manifest.json</c> of
/// <c>{file, line, head, id, ok, kind, error}</c> into <c>$KILN_COMPONENT_BINARIES</c>. Each must decode;
/// decode → encode → decode must give an equal component and the same bytes.
/// </summary>
[Trait("Category", ComponentSuite.Category)]
public class SuiteRoundTripTests(ITestOutputHelper output)
{
    /// <summary>Binaries that cannot come back byte for byte, and why.</summary>
    private static readonly Dictionary<string, string> KnownByteDifferences = new()
    {
        ["binary/binary.wast:145"] = "a padded 5-byte LEB128 section size; the encoder writes minimal LEB128s",
    };

    public sealed record Entry(string file, int line, string head, int id, bool ok, string? kind, string? error);

    public static List<Entry> Manifest(string dir) =>
        JsonSerializer.Deserialize<List<Entry>>(File.ReadAllText(Path.Combine(dir, "manifest.json")))!;

    [Fact]
    public void EverySuiteComponentDecodesAndRoundTrips()
    {
        string dir = ComponentSuite.RequireDirectory("KILN_COMPONENT_BINARIES");
        var failures = new List<string>();
        var refusedInvalid = new List<string>();
        var refusedByCore = new List<string>();
        int decoded = 0, sameBytes = 0, equal = 0;
        foreach (var e in Manifest(dir))
        {
            if (!e.ok) continue;
            string where = $"{e.file}:{e.line} ({e.head}, {e.kind})";
            var bytes = File.ReadAllBytes(Path.Combine(dir, $"{e.id}.wasm"));
            Kiln.Component.Model.WasmComponent first;
            try { first = ComponentDecoder.Decode(bytes); decoded++; }
            catch (ComponentDecodeException x)
            {
                // An assert_invalid component may be refused already by the reader (wasmparser refuses it there too);
                // a nested core module using Wasm 3.0 features (tags, multi-memory) is refused by Kiln.Wasm's 2.0 decoder.
                (e.head == "assert_invalid" ? refusedInvalid : x.InnerException is Kiln.Wasm.Binary.WasmDecodeException ? refusedByCore : failures)
                    .Add($"{where}: {x.Message}");
                continue;
            }
            var again = ComponentEncoder.Encode(first);
            if (again.AsSpan().SequenceEqual(bytes)) sameBytes++;
            else if (KnownByteDifferences.TryGetValue($"{e.file}:{e.line}", out var why)) refusedInvalid.Add($"{where}: bytes differ as expected: {why}");
            else failures.Add($"{where}: re-encoded bytes differ (first at {FirstByteDifference(bytes, again)}, {bytes.Length} vs {again.Length} bytes)");
            try
            {
                var second = ComponentDecoder.Decode(again);
                if (ComponentComparer.FirstDifference(first, second) is { } d) failures.Add($"{where}: {d}");
                else equal++;
            }
            catch (ComponentDecodeException x) { failures.Add($"{where}: re-encoded binary refused: {x.Message}"); }
        }
        string summary = $"{decoded} decoded, {sameBytes} re-encoded to the same bytes, {equal} equal after decode-encode-decode; "
            + $"{refusedInvalid.Count} assert_invalid refused by the reader or known byte differences:\n  " + string.Join("\n  ", refusedInvalid)
            + $"\n{refusedByCore.Count} refused by the core module decoder (Wasm 3.0 features):\n  " + string.Join("\n  ", refusedByCore);
        output.WriteLine(summary);
        Assert.True(failures.Count == 0, summary + $"\n{failures.Count} failures:\n" + string.Join("\n", failures));
        Assert.True(decoded > 0);
    }

    private static int FirstByteDifference(byte[] a, byte[] b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++) if (a[i] != b[i]) return i;
        return n;
    }
}
