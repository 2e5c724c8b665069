using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Kiln.Component.Binary;
using Kiln.Component.Validation;
using Xunit.Abstractions;

namespace Kiln.Component.Tests.Suite;

/// <summary>
/// Runs the validator over the component model's reference tests (fetched, never committed): each
/// component of each .wast (except nyi.txt's) is turned into a binary by wasm-tools' text parser as jco
/// carries it (it parses without validating), decoded by Kiln and validated by Kiln, and compared with the
/// directive: components and <c>assert_unlinkable</c> subjects must validate; <c>assert_invalid</c> and
/// binary <c>assert_malformed</c> must fail with a message containing the expected text. Forms that the
/// text parser itself rejects are counted apart ("text-level"): they test a text parser, not this
/// validator. Run by hand:
/// <c>KILN_COMPONENT_TESTSUITE=/work/component-model/test dotnet test tests/Kiln.Component.Tests --filter Category=ComponentSuite</c>
/// (<c>KILN_JCO_NODE_MODULES</c> names the node_modules holding @bytecodealliance/jco, default /work/tools/node_modules).
/// </summary>
public class ValidationSuiteTests(ITestOutputHelper output)
{
    private enum Expect { Valid, Invalid, Malformed }

    private sealed record Case(string Folder, string File, int Line, Expect Expect, string? Message, string? Text, byte[]? Binary)
    {
        public string Where => $"{File}:{Line}";
    }

    [Fact]
    [Trait("Category", ComponentSuite.Category)]
    public void ReferenceTestsValidateAsExpected()
    {
        string dir = ComponentSuite.Directory();
        var cases = new List<Case>();
        var otherDirectives = new Dictionary<string, int>();
        foreach (var file in ComponentSuite.WastFiles(dir))
        {
            string folder = Path.GetRelativePath(dir, Path.GetDirectoryName(file)!);
            string name = Path.GetRelativePath(dir, file);
            foreach (var d in WastBinaryForms.Read(File.ReadAllText(file)))
            {
                Expect? expect = d.Head switch
                {
                    "component" => Expect.Valid,
                    "assert_unlinkable" => Expect.Valid,
                    "assert_invalid" => Expect.Invalid,
                    "assert_malformed" => Expect.Malformed,
                    _ => null,
                };
                var form = expect is null ? null : WastBinaryForms.ComponentForm(d.Text);
                if (expect is null || form is null || (d.Head == "component" && IsInstanceForm(form)))
                {
                    otherDirectives[d.Head] = otherDirectives.GetValueOrDefault(d.Head) + 1;
                    continue;
                }
                cases.Add(new Case(folder, name, d.Line, expect.Value, d.Message, d.Binary is null ? ComponentText(form) : null, d.Binary));
            }
        }

        // A directory that is not the suite (or a run that found nothing to check) must not pass.
        Assert.True(cases.Count(c => c.Expect == Expect.Invalid) > 0 && cases.Count(c => c.Expect == Expect.Valid) > 0,
            $"{dir} holds no assert_invalid or no valid component: not the component model's test folder?");
        var binaries = ParseAll(cases);
        var rows = new SortedDictionary<string, int[]>(StringComparer.Ordinal); // valid ok/total, rejected ok/total, text-level
        var failures = new List<string>();
        var crashes = new List<string>();
        var passes = new List<string>();
        var textLevel = new List<string>();
        for (int i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var row = rows.TryGetValue(c.Folder, out var r) ? r : rows[c.Folder] = new int[5];
            var (bytes, parseError) = c.Binary is { } b ? (b, null) : binaries[i];
            if (bytes is null)
            {
                if (c.Expect == Expect.Valid) { row[1]++; failures.Add($"{c.Where}: valid component does not parse as text: {parseError}"); }
                else
                {
                    row[4]++;
                    textLevel.Add($"{c.Where}: expected \"{c.Message}\"; the text parser says: {parseError?.ReplaceLineEndings(" ")}");
                }
                continue;
            }
            string? error = null;
            try { ComponentValidator.Validate(ComponentDecoder.Decode(bytes)); }
            catch (ComponentValidationException e) { error = e.Message; }
            catch (ComponentDecodeException e) { error = e.Message; }
            catch (Exception e) { error = $"CRASH {e.GetType().Name}: {e.Message}"; crashes.Add($"{c.Where}: {error}"); }

            if (c.Expect == Expect.Valid)
            {
                row[1]++;
                if (error is null) row[0]++;
                else failures.Add($"{c.Where}: valid component rejected: {error}");
            }
            else
            {
                row[3]++;
                if (error is not null && !error.StartsWith("CRASH", StringComparison.Ordinal) && c.Message is not null && error.Contains(c.Message, StringComparison.Ordinal))
                {
                    row[2]++;
                    passes.Add($"{c.Where}: expected \"{c.Message}\", got \"{error.ReplaceLineEndings(" | ")}\"");
                }
                else failures.Add($"{c.Where}: expected \"{c.Message}\", got {(error is null ? "valid" : $"\"{error}\"")}");
            }
        }

        var report = new StringBuilder();
        report.AppendLine("folder        valid accepted   invalid/malformed rejected   text-level (not reached)");
        int[] total = new int[5];
        foreach (var (folder, r) in rows)
        {
            report.AppendLine($"{folder,-12}  {r[0],5}/{r[1],-5}       {r[2],5}/{r[3],-5}                 {r[4]}");
            for (int k = 0; k < 5; k++) total[k] += r[k];
        }
        report.AppendLine($"{"total",-12}  {total[0],5}/{total[1],-5}       {total[2],5}/{total[3],-5}                 {total[4]}");
        report.AppendLine("other directives (need execution or name no component): " +
            string.Join(", ", otherDirectives.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        foreach (var f in crashes) report.AppendLine(f);
        foreach (var f in failures) report.AppendLine(f);
        foreach (var t in textLevel) report.AppendLine("text-level " + t);
        if (Environment.GetEnvironmentVariable("KILN_SUITE_VERBOSE") == "1")
            foreach (var p in passes) report.AppendLine("ok " + p);
        output.WriteLine(report.ToString());
        if (Environment.GetEnvironmentVariable("KILN_SUITE_REPORT") is { Length: > 0 } path) File.WriteAllText(path, report.ToString());

        // A crash is never within the 99% tolerance: every invalid input must be refused with a typed error.
        Assert.True(crashes.Count == 0, crashes.Count == 0 ? "" : $"{crashes.Count} crashes, first: {crashes[0]}");
        Assert.Equal(total[1], total[0]);
        Assert.True(total[2] * 100 >= total[3] * 99, $"{total[2]}/{total[3]} invalid/malformed rejected with the expected message, below 99%");
    }

    /// <summary>
    /// Robustness: byte-level mutations of every reference component (seeded, replayable) must decode and
    /// validate, or fail with a typed component error; any other exception is a bug in Kiln.
    /// </summary>
    [Fact]
    [Trait("Category", ComponentSuite.Category)]
    public void MutatedReferenceComponentsFailWithTypedErrors()
    {
        string dir = ComponentSuite.Directory();
        var cases = new List<Case>();
        foreach (var file in ComponentSuite.WastFiles(dir))
            foreach (var d in WastBinaryForms.Read(File.ReadAllText(file)))
                if (d.Head == "component" && WastBinaryForms.ComponentForm(d.Text) is { } form && !IsInstanceForm(form))
                    cases.Add(new Case("", Path.GetRelativePath(dir, file), d.Line, Expect.Valid, null, d.Binary is null ? ComponentText(form) : null, d.Binary));
        var binaries = ParseAll(cases);
        var rng = new Random(20261207);
        var crashes = new List<string>();
        int runs = 0, accepted = 0;
        for (int i = 0; i < cases.Count; i++)
        {
            var original = cases[i].Binary ?? binaries[i].Bytes;
            if (original is null || original.Length < 9) continue;
            for (int m = 0; m < 200; m++)
            {
                var bytes = (byte[])original.Clone();
                int edits = 1 + rng.Next(4);
                for (int e = 0; e < edits; e++)
                {
                    int at = 8 + rng.Next(bytes.Length - 8);
                    bytes[at] = rng.Next(3) switch { 0 => (byte)rng.Next(256), 1 => (byte)(bytes[at] ^ (1 << rng.Next(8))), _ => (byte)(bytes[at] + 1) };
                }
                runs++;
                try { ComponentValidator.Validate(ComponentDecoder.Decode(bytes)); accepted++; }
                catch (ComponentValidationException) { }
                catch (ComponentDecodeException) { }
                catch (Exception e)
                {
                    if (crashes.Count < 50) crashes.Add($"{cases[i].Where} mutation {m}: {e.GetType().Name}: {e.Message}\n{e.StackTrace?.Split('\n').FirstOrDefault()}");
                    else break;
                }
            }
        }
        Assert.True(runs > 0, $"{dir}: no component was mutated");
        output.WriteLine($"{runs} mutated components, {accepted} still valid, {crashes.Count} untyped failures");
        foreach (var c in crashes) output.WriteLine(c);
        Assert.Empty(crashes);
    }

    private static bool IsInstanceForm(string form) => Regex.IsMatch(form, @"^\(component\s+instance\b");

    /// <summary>The component as plain text: <c>definition</c> dropped, <c>quote</c> strings spliced in.</summary>
    private static string ComponentText(string form)
    {
        form = Regex.Replace(form, @"^\(component\s+definition\b", "(component");
        var quote = Regex.Match(form, @"^\(component(\s+\$[^\s()]+)?\s+quote\b");
        if (!quote.Success) return form;
        var sb = new StringBuilder("(component").Append(quote.Groups[1].Value).Append(' ');
        foreach (var s in WastBinaryForms.Strings(form[quote.Length..])) sb.Append(Encoding.UTF8.GetString(s)).Append(' ');
        return sb.Append(')').ToString();
    }

    /// <summary>All text forms through one node process running wasm-tools' parser (from jco).</summary>
    private static (byte[]? Bytes, string? Error)[] ParseAll(List<Case> cases) => JcoParse.ParseAll(cases.Select(c => c.Text).ToList());
}
