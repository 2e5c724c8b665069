using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Wast;

namespace Kiln.Wasm.Tests.Text;

/// <summary>
/// Compares the binary of every text module in a directory of .wast scripts with what wabt's
/// <c>wast2json</c> produces for it (matched by script line). Names are left out of our encoding
/// since wabt writes none by default. A development check, run only when asked for.
/// </summary>
public static class WabtComparison
{
    public sealed class Report
    {
        public int Compared;
        public int Identical;
        public int Known;
        public int SkippedByWabt;
        public List<string> Differences { get; } = [];
        public List<string> KnownReasons { get; } = [];

        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.AppendLine($"identical to wabt: {Identical}/{Compared} (of which {Known} known, documented differences); {SkippedByWabt} modules wabt could not parse");
            foreach (var d in Differences) sb.AppendLine(d);
            foreach (var d in KnownReasons) sb.AppendLine("known: " + d);
            return sb.ToString();
        }
    }

    public static Report Run(string directory, string wast2json = "/usr/bin/wast2json")
    {
        var r = new Report();
        string tmp = Directory.CreateTempSubdirectory("kiln-wabt").FullName;
        try
        {
            foreach (var path in Directory.GetFiles(directory, "*.wast").Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileNameWithoutExtension(path);
                string json = Path.Combine(tmp, name + ".json");
                var psi = new ProcessStartInfo(wast2json, ["--no-check", path, "-o", json]) { RedirectStandardError = true, RedirectStandardOutput = true };
                using (var proc = Process.Start(psi)!)
                {
                    proc.StandardError.ReadToEnd();
                    proc.WaitForExit();
                    if (proc.ExitCode != 0 || !File.Exists(json))
                    {
                        // Older wabt rejects some valid scripts: compare module by module with wat2wasm instead.
                        CompareEachModule(WastParser.Parse(File.ReadAllText(path), name), name, tmp, r);
                        continue;
                    }
                }
                var script = WastParser.Parse(File.ReadAllText(path), name);
                var byLine = new Dictionary<int, WastModuleDefinition>();
                foreach (var cmd in script.Commands)
                {
                    var def = cmd switch
                    {
                        WastModuleCommand mc => mc.Module,
                        WastModuleAssertion ma => ma.Module,
                        WastAssertTrap { Module: { } m } => m,
                        _ => null,
                    };
                    if (def is { Kind: WastModuleKind.Text, Module: not null }) byLine.TryAdd(def.Line, def);
                }
                using var doc = JsonDocument.Parse(File.ReadAllText(json));
                foreach (var c in doc.RootElement.GetProperty("commands").EnumerateArray())
                {
                    if (!c.TryGetProperty("filename", out var fileProp)) continue;
                    string file = fileProp.GetString()!;
                    if (!file.EndsWith(".wasm", StringComparison.Ordinal)) continue;
                    if (c.TryGetProperty("module_type", out var mt) && mt.GetString() != "binary") continue;
                    int line = c.GetProperty("line").GetInt32();
                    if (!byLine.TryGetValue(line, out var def)) continue;
                    r.Compared++;
                    var expected = File.ReadAllBytes(Path.Combine(tmp, file));
                    byte[] actual;
                    try
                    {
                        actual = EncodeWithoutNames(def.Module!);
                    }
                    catch (Exception e)
                    {
                        r.Differences.Add($"{name}.wast:{line}: encode failed: {e.Message}");
                        continue;
                    }
                    Record(r, name, line, file, actual, expected, def);
                }
            }
        }
        finally
        {
            Directory.Delete(tmp, true);
        }
        return r;
    }

    // Where Kiln follows the reference interpreter and wabt 1.0.32 does not (see KnownDifference).
    private static readonly Regex ExplicitBlockType = new(@"\b(block|loop|if)(\s+\$\S+)?\s+\(type\s", RegexOptions.Compiled);
    private static readonly Regex EmptySelectResult = new(@"\(select\s+\(result\s*\)", RegexOptions.Compiled);

    /// <summary>
    /// Why a module may knowingly encode differently from wabt, or null: (1) an explicit <c>(type $t)</c>
    /// block type stays a type index (wabt shortens it when the type allows); (2) <c>select (result)</c>
    /// stays a typed select with no types (wabt writes the untyped one), so validation reports the arity;
    /// (3) data.drop/memory.init with no data segments still gets a data count of 0, so validating the text
    /// module reports the unknown segment rather than a missing section (wabt omits the section).
    /// </summary>
    private static string? KnownDifference(WastModuleDefinition def)
    {
        string src = def.SourceText ?? "";
        if (ExplicitBlockType.IsMatch(src)) return "explicit block type";
        if (EmptySelectResult.IsMatch(src)) return "select (result)";
        if (def.Module is { DataCount: 0, Data.Count: 0 }) return "data count 0";
        return null;
    }

    private static void Record(Report r, string name, int line, string file, byte[] actual, byte[] expected, WastModuleDefinition def)
    {
        if (actual.AsSpan().SequenceEqual(expected))
        {
            r.Identical++;
        }
        else if (KnownDifference(def) is { } reason)
        {
            r.KnownReasons.Add($"{name}.wast:{line}: {reason}");
            r.Identical++;
            r.Known++;
        }
        else
        {
            int at = actual.AsSpan().CommonPrefixLength(expected);
            if (Environment.GetEnvironmentVariable("KILN_WABT_DUMP") is { } dump)
            {
                Directory.CreateDirectory(dump);
                File.WriteAllBytes(Path.Combine(dump, $"{name}.{line}.ours.wasm"), actual);
                File.WriteAllBytes(Path.Combine(dump, $"{name}.{line}.wabt.wasm"), expected);
            }
            r.Differences.Add($"{name}.wast:{line}: differs at byte 0x{at:x} (ours {actual.Length} bytes, wabt {expected.Length}) [{file}]");
        }
    }

    private static void CompareEachModule(WastScript script, string name, string tmp, Report r)
    {
        foreach (var cmd in script.Commands)
        {
            var def = cmd switch
            {
                WastModuleCommand mc => mc.Module,
                WastModuleAssertion ma => ma.Module,
                WastAssertTrap { Module: { } m } => m,
                _ => null,
            };
            if (def is not { Kind: WastModuleKind.Text, Module: not null, SourceText: not null }) continue;
            string wat = Path.Combine(tmp, $"{name}.{cmd.Line}.wat");
            string wasm = Path.Combine(tmp, $"{name}.{cmd.Line}.wasm");
            File.WriteAllText(wat, def.SourceText);
            var psi = new ProcessStartInfo("/usr/bin/wat2wasm", ["--no-check", wat, "-o", wasm]) { RedirectStandardError = true, RedirectStandardOutput = true };
            using var proc = Process.Start(psi)!;
            proc.StandardError.ReadToEnd();
            proc.WaitForExit();
            if (proc.ExitCode != 0)
            {
                r.SkippedByWabt++;
                continue;
            }
            r.Compared++;
            Record(r, name, def.Line, Path.GetFileName(wasm), EncodeWithoutNames(def.Module), File.ReadAllBytes(wasm), def);
        }
    }

    private static byte[] EncodeWithoutNames(WasmModule m)
    {
        var names = m.Names;
        m.Names = null;
        try
        {
            return ModuleEncoder.Encode(m);
        }
        finally
        {
            m.Names = names;
        }
    }
}
