using Kiln.Component.Binary;

namespace Kiln.Component.Tests.Binary;

/// <summary>The <c>(component binary ...)</c> forms of the component model's test folder: components decode,
/// <c>assert_malformed</c> ones fail with the reference message.</summary>
[Trait("Category", ComponentSuite.Category)]
public class BinaryWastTests
{
    /// <summary>Directives whose message differs on purpose, with the message Kiln gives instead: errors inside a
    /// nested core module come from Kiln.Wasm, worded as the core spec suite words them.</summary>
    private static readonly Dictionary<string, string> KnownDifferences = new()
    {
        ["binary/binary.wast:199"] = "unexpected content after last section",
    };

    [Fact]
    public void BinaryFormsDecodeOrFailWithTheReferenceMessage()
    {
        string dir = ComponentSuite.Directory();
        var failures = new List<string>();
        int decoded = 0, malformed = 0;
        foreach (var file in ComponentSuite.WastFiles(dir))
            foreach (var d in WastBinaryForms.Read(File.ReadAllText(file)))
            {
                if (d.Binary is null) continue;
                string where = $"{Path.GetRelativePath(dir, file)}:{d.Line}";
                switch (d.Head)
                {
                    case "component":
                        try { ComponentDecoder.Decode(d.Binary); decoded++; }
                        catch (ComponentDecodeException e) { failures.Add($"{where}: valid component refused: {e.Message}"); }
                        break;
                    case "assert_malformed":
                        try
                        {
                            ComponentDecoder.Decode(d.Binary);
                            failures.Add($"{where}: malformed component decoded (expected \"{d.Message}\")");
                        }
                        catch (ComponentDecodeException e)
                        {
                            if (KnownDifferences.TryGetValue(where, out var instead))
                            {
                                if (e.Reason != instead) failures.Add($"{where}: known difference changed: got \"{e.Reason}\"");
                            }
                            else if (!e.Reason.Contains(d.Message ?? "", StringComparison.Ordinal))
                                failures.Add($"{where}: expected \"{d.Message}\", got \"{e.Reason}\"");
                            else malformed++;
                        }
                        break;
                }
            }
        Assert.True(failures.Count == 0, $"{decoded} decoded, {malformed} malformed as expected; failures:\n" + string.Join("\n", failures));
        Assert.True(decoded > 0 && malformed > 0);
    }
}
