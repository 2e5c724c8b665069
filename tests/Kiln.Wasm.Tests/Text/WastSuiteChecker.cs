using System.Text;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Wast;

namespace Kiln.Wasm.Tests.Text;

/// <summary>
/// Runs the text front end over a directory of .wast files (e.g. a local, uncommitted copy of the
/// spec testsuite): every script must parse, every quoted module in assert_malformed must be
/// rejected, and every other quoted module must parse. Returns a readable report.
/// </summary>
public static class WastSuiteChecker
{
    public sealed class Report
    {
        public int Files;
        public int FilesParsed;
        public int Modules;
        public int MalformedQuotes;
        public int MalformedQuotesRejected;
        public int OtherQuotes;
        public int OtherQuotesParsed;
        public List<string> Failures { get; } = [];

        /// <summary>"expected message &lt;= our reason" per rejected malformed quote, to audit why each failed.</summary>
        public List<string> Reasons { get; } = [];

        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.AppendLine($"files parsed: {FilesParsed}/{Files}, text modules: {Modules}");
            sb.AppendLine($"assert_malformed quote modules rejected: {MalformedQuotesRejected}/{MalformedQuotes}");
            sb.AppendLine($"other quote modules parsed: {OtherQuotesParsed}/{OtherQuotes}");
            foreach (var f in Failures) sb.AppendLine(f);
            return sb.ToString();
        }
    }

    public static Report Check(string directory)
    {
        var r = new Report();
        foreach (var path in Directory.GetFiles(directory, "*.wast").Order(StringComparer.Ordinal))
        {
            r.Files++;
            string name = Path.GetFileName(path);
            WastScript script;
            try
            {
                script = WastParser.Parse(File.ReadAllText(path), name);
            }
            catch (WatParseException e)
            {
                r.Failures.Add($"{name}:{e.Message}");
                continue;
            }
            r.FilesParsed++;
            foreach (var cmd in script.Commands)
            {
                var def = cmd switch
                {
                    WastModuleCommand mc => mc.Module,
                    WastModuleAssertion ma => ma.Module,
                    WastAssertTrap { Module: { } m } => m,
                    _ => null,
                };
                if (def is null) continue;
                if (def.Kind == WastModuleKind.Text) r.Modules++;
                if (def.Kind != WastModuleKind.Quote) continue;
                if (cmd is WastAssertMalformed am)
                {
                    r.MalformedQuotes++;
                    try
                    {
                        def.ParseQuote();
                        r.Failures.Add($"{name}:{cmd.Line}: malformed quote accepted (expected \"{am.Message}\")");
                    }
                    catch (WatParseException e)
                    {
                        r.Reasons.Add($"{am.Message} <= {e.Reason}");
                        r.MalformedQuotesRejected++;
                    }
                }
                else
                {
                    r.OtherQuotes++;
                    try
                    {
                        def.ParseQuote();
                        r.OtherQuotesParsed++;
                    }
                    catch (WatParseException e)
                    {
                        r.Failures.Add($"{name}:{cmd.Line}: quote module failed: {e.Message}");
                    }
                }
            }
        }
        return r;
    }
}
