using Kiln.Component.Binary;
using Kiln.Component.Model;
using Kiln.Component.Tests.Suite;
using Kiln.Component.Text.Wast;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Lexing;
using Kiln.Wasm.Text.Wast;
using Xunit.Abstractions;

namespace Kiln.Component.Tests.Text;

/// <summary>
/// The text side over the component model's reference tests (every .wast but nyi.txt's; run by hand, see
/// <see cref="ComponentSuite"/>): every file parses as a script, with as many commands as an independent scan
/// counts top-level forms; every component not under assert_malformed/assert_invalid parses; and every text
/// component Kiln parses is compared with wasm-tools' parse of the same text (jco): structurally
/// (<see cref="ComponentComparer"/> on the decoded jco binary) and byte for byte (Kiln's encoding of its parse).
/// Prints a table per folder.
/// </summary>
public class TextSuiteTests(ITestOutputHelper output)
{
    private sealed class Folder
    {
        public int Files, FilesParsed, Directives, Commands, Components, ComponentsParsed, Compared, Agree, SameBytes, JcoRejects;
    }

    private sealed record Pending(string Folder, string Where, string Text, WasmComponent Parsed);

    [Fact]
    [Trait("Category", ComponentSuite.Category)]
    public void EveryScriptAndComponentParsesAndAgreesWithWasmTools()
    {
        string dir = ComponentSuite.Directory();
        var folders = new SortedDictionary<string, Folder>(StringComparer.Ordinal);
        var problems = new List<string>();
        var pending = new List<Pending>();
        foreach (var file in ComponentSuite.WastFiles(dir))
        {
            var f = FolderOf(folders, Path.GetRelativePath(dir, Path.GetDirectoryName(file)!));
            string name = Path.GetRelativePath(dir, file);
            string source = File.ReadAllText(file);
            f.Files++;
            f.Directives += CountTopLevelForms(source);
            WastScript script;
            try
            {
                script = WastParser.Parse(source, file);
            }
            catch (WatParseException e)
            {
                problems.Add($"{name}:{e.Line}:{e.Column}: script does not parse: {e.Reason}");
                continue;
            }
            f.FilesParsed++;
            f.Commands += script.Commands.Count;
            foreach (var command in script.Commands.OfType<WastComponentCommand>())
                CheckDirective(f, Path.GetRelativePath(dir, Path.GetDirectoryName(file)!), $"{name}:{command.Line}", source, command, problems, pending);
        }

        var jco = JcoParse.ParseAll(pending.Select(p => (string?)p.Text).ToList());
        for (int i = 0; i < pending.Count; i++)
        {
            var (p, f) = (pending[i], folders[pending[i].Folder]);
            if (jco[i].Bytes is not { } bytes)
            {
                f.JcoRejects++;
                output.WriteLine($"wasm-tools rejects {p.Where}: {FirstLine(jco[i].Error)}");
                continue;
            }
            f.Compared++;
            if (ComponentComparer.FirstDifference(ComponentDecoder.Decode(bytes), p.Parsed) is { } diff)
                problems.Add($"{p.Where}: differs from wasm-tools: {diff}");
            else
                f.Agree++;
            if (ComponentEncoder.Encode(p.Parsed).AsSpan().SequenceEqual(bytes)) f.SameBytes++;
        }

        output.WriteLine("folder       files parsed  directives commands  components parsed  compared agree same-bytes wasm-tools-rejects");
        foreach (var (name, f) in folders.Append(new("total", Total(folders.Values))))
            output.WriteLine($"{name,-12} {f.Files,5} {f.FilesParsed,6}  {f.Directives,10} {f.Commands,8}  {f.Components,10} {f.ComponentsParsed,6}  {f.Compared,8} {f.Agree,5} {f.SameBytes,10} {f.JcoRejects,18}");
        foreach (var p in problems) output.WriteLine(p);
        var total = Total(folders.Values);
        Assert.True(total.Directives == total.Commands, $"the script parser found {total.Commands} commands where the scan counts {total.Directives} forms");
        Assert.True(total.Compared > 0, "nothing was compared with wasm-tools");
        Assert.True(problems.Count == 0, problems.Count == 0 ? "" : $"{problems.Count} problems, first: {problems[0]}");
    }

    private static void CheckDirective(Folder f, string folder, string where, string source, WastComponentCommand command,
        List<string> problems, List<Pending> pending)
    {
        ComponentWastDirective d;
        try
        {
            d = ComponentWastParser.Parse(command);
        }
        catch (WatParseException e)
        {
            if (command.Keyword is not ("assert_invalid" or "assert_malformed")) f.Components += IsComponentForm(command) ? 1 : 0;
            if (command.Keyword is not ("assert_invalid" or "assert_malformed")) problems.Add($"{where}: directive does not parse at {e.Line}:{e.Column}: {e.Reason}");
            return;
        }
        var module = d switch
        {
            ComponentWastDefine x => x.Component,
            ComponentWastAssertModule x when x.Keyword != "assert_malformed" => x.Component,
            _ => null,
        };
        if (module is null || module.Kind == ComponentWastModuleKind.Binary) return;
        bool mustParse = d.Keyword != "assert_invalid";
        if (mustParse) f.Components++;
        WasmComponent parsed;
        string text;
        try
        {
            (parsed, text) = module.Kind == ComponentWastModuleKind.Quote
                ? (module.ParseQuote(), module.QuoteText())
                : (module.Component!, PlainText(source, command));
        }
        catch (WatParseException e)
        {
            if (mustParse) problems.Add($"{where}: component does not parse at {e.Line}:{e.Column}: {e.Reason}");
            return;
        }
        if (mustParse) f.ComponentsParsed++;
        pending.Add(new Pending(folder, where, text, parsed));
    }

    private static bool IsComponentForm(WastComponentCommand c) =>
        c.Keyword == "component" || (c.Tokens[c.Start + 2].Kind == TokenKind.LParen && c.Tokens[c.Start + 3].IsKeyword("component"));

    /// <summary>The directive's (component …) form as wasm-tools reads it on its own: <c>definition</c> dropped.</summary>
    private static string PlainText(string source, WastComponentCommand c)
    {
        var t = c.Tokens;
        int start = c.Keyword == "component" ? c.Start : c.Start + 2;
        int depth = 0, end = start;
        do
        {
            if (t[end].Kind == TokenKind.LParen) depth++;
            else if (t[end].Kind == TokenKind.RParen) depth--;
            end++;
        }
        while (depth > 0);
        int from = t[start].Offset, to = t[end - 1].Offset + 1;
        if (t[start + 2].IsKeyword("definition"))
        {
            int after = t[start + 2].Offset + "definition".Length;
            return "(component" + source[after..to];
        }
        return source[from..to];
    }

    /// <summary>Top-level parenthesized forms, counted without the lexer: strings, line and (nested) block comments skipped.</summary>
    internal static int CountTopLevelForms(string s)
    {
        int count = 0, depth = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '"')
            {
                for (i++; i < s.Length && s[i] != '"'; i++) if (s[i] == '\\') i++;
            }
            else if (c == ';' && i + 1 < s.Length && s[i + 1] == ';')
            {
                while (i < s.Length && s[i] != '\n') i++;
            }
            else if (c == '(' && i + 1 < s.Length && s[i + 1] == ';')
            {
                int nest = 0;
                for (; i + 1 < s.Length; i++)
                {
                    if (s[i] == '(' && s[i + 1] == ';') { nest++; i++; }
                    else if (s[i] == ';' && s[i + 1] == ')') { i++; if (--nest == 0) break; }
                }
            }
            else if (c == '(')
            {
                // An annotation at the top level, (@…), is no command: it does not count.
                if (depth == 0 && !(i + 1 < s.Length && s[i + 1] == '@')) count++;
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
        }
        return count;
    }

    private static Folder FolderOf(SortedDictionary<string, Folder> folders, string name)
    {
        if (!folders.TryGetValue(name, out var f)) folders[name] = f = new Folder();
        return f;
    }

    private static Folder Total(IEnumerable<Folder> all)
    {
        var t = new Folder();
        foreach (var f in all)
        {
            t.Files += f.Files; t.FilesParsed += f.FilesParsed; t.Directives += f.Directives; t.Commands += f.Commands;
            t.Components += f.Components; t.ComponentsParsed += f.ComponentsParsed; t.Compared += f.Compared;
            t.Agree += f.Agree; t.SameBytes += f.SameBytes; t.JcoRejects += f.JcoRejects;
        }
        return t;
    }

    private static string FirstLine(string? s) => s is null ? "" : s.Split('\n')[0][..Math.Min(200, s.Split('\n')[0].Length)];
}
