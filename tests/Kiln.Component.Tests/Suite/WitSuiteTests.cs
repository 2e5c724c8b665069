using System.Diagnostics;
using Kiln.Component.Binary;
using Kiln.Component.Validation;
using Kiln.Component.Wit.Decoding;
using Kiln.Component.Wit.Encoding;
using Kiln.Component.Wit.Model;
using Kiln.Component.Wit.Printing;
using Kiln.Component.Wit.Resolution;
using Kiln.Component.Tests.Wit;
using Xunit.Abstractions;

namespace Kiln.Component.Tests.Suite;

/// <summary>
/// Real WIT and wit-component as the oracle (material never committed, so these carry Category=ComponentSuite and
/// fail when it is missing). <c>KILN_WASI_WIT</c> names a folder with the WASI 0.2 packages one per folder
/// (<c>wasi-cli/package.wit</c>, <c>wasi-io/…</c>, <c>wasi-clocks</c>, <c>wasi-filesystem</c>, <c>wasi-sockets</c>,
/// <c>wasi-random</c>, optionally <c>wasi-http</c>): jco carries them in
/// <c>@bytecodealliance/jco/lib/wit/builtin/0.2.12</c>. <c>KILN_JCO_NODE_MODULES</c> as for the other suites.
/// Run: <c>KILN_WASI_WIT=/work/tools/node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12 dotnet test
/// tests/Kiln.Component.Tests --filter "Category=ComponentSuite&amp;FullyQualifiedName~WitSuite"</c>.
/// </summary>
public sealed class WitSuiteTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] WasiPackages = ["io", "clocks", "filesystem", "sockets", "random", "cli", "http"];
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"kiln-wit-suite-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private static string WasiDir() => ComponentSuite.RequireDirectory("KILN_WASI_WIT");

    /// <summary>A package folder for <paramref name="root"/> (e.g. cli) with every other WASI package under deps/.</summary>
    private string PackageDir(string root)
    {
        string src = WasiDir();
        string dir = Path.Combine(_work, root);
        if (Directory.Exists(dir)) return dir;
        Directory.CreateDirectory(Path.Combine(dir, "deps"));
        foreach (var p in WasiPackages)
        {
            string file = Path.Combine(src, "wasi-" + p, "package.wit");
            if (p == "http" && !File.Exists(file)) continue; // optional; any other missing package fails File.Copy
            string target = p == root ? dir : Path.Combine(dir, "deps", p);
            Directory.CreateDirectory(target);
            File.Copy(file, Path.Combine(target, "package.wit"));
        }
        return dir;
    }

    /// <summary>All WASI packages in one file: <paramref name="root"/> first, the others as nested packages.</summary>
    private string OneFile(string root)
    {
        string src = WasiDir();
        var text = new System.Text.StringBuilder(File.ReadAllText(Path.Combine(src, "wasi-" + root, "package.wit")));
        foreach (var p in WasiPackages)
        {
            string file = Path.Combine(src, "wasi-" + p, "package.wit");
            if (p == root || (p == "http" && !File.Exists(file))) continue; // http is optional; others fail ReadAllLines
            var lines = File.ReadAllLines(file);
            int header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("package ", StringComparison.Ordinal));
            lines[header] = lines[header].TrimEnd().TrimEnd(';') + " {";
            text.Append('\n').AppendJoin('\n', lines).Append("\n}\n");
        }
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, root + "-all.wit");
        if (File.Exists(path)) return path;
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    [Trait("Category", ComponentSuite.Category)]
    public void WasiPackagesResolvePrintAndRoundTripThroughTheirEncoding()
    {
        foreach (var root in new[] { "cli", "io", "clocks", "filesystem", "sockets", "random", "http" })
        {
            string package = Path.Combine(WasiDir(), "wasi-" + root, "package.wit");
            if (root == "http" && !File.Exists(package)) continue;
            Assert.True(File.Exists(package), $"{package} is missing: KILN_WASI_WIT must hold every WASI 0.2 package but the optional http");
            var resolve = WitPackageLoader.Load(PackageDir(root));
            Assert.Equal("wasi", resolve.Main!.Name.Namespace);
            string printed = WitPrinter.Print(resolve);
            // The printed text (the main package and every dependency nested) parses back to the same text.
            Assert.Equal(printed, WitPrinter.Print(WitPackageLoader.ParseText(printed, "printed.wit")));
            // The encoding validates, and decodes to the same main package (dependencies keep only what is used).
            var bytes = WitEncoder.EncodePackageBinary(resolve);
            ComponentValidator.Validate(ComponentDecoder.Decode(bytes));
            var decoded = WitDecoder.Decode(bytes);
            Assert.Equal(WitPrinter.Print(resolve, [], emitDocs: false), WitPrinter.Print(decoded, [], emitDocs: false));
            output.WriteLine($"wasi:{root}: {resolve.Main.Interfaces.Count} interfaces, {resolve.Main.Worlds.Count} worlds, {bytes.Length} bytes encoded");
        }
        var cli = WitPackageLoader.Load(PackageDir("cli")).Main!;
        Assert.Contains("run", cli.Interfaces.Keys);
        var command = cli.Worlds["command"];
        Assert.Contains(command.Imports.Keys, k => k.ExternName.StartsWith("wasi:filesystem/preopens@0.2.", StringComparison.Ordinal));
        Assert.Contains(command.Exports.Keys, k => k.ExternName.StartsWith("wasi:cli/run@0.2.", StringComparison.Ordinal));
    }

    /// <summary>For each world: jco's own embedding and Kiln's encoding of the same world, each made a component by
    /// jco, print the same WIT through jco; and Kiln's print of jco's component equals jco's.</summary>
    [Fact]
    [Trait("Category", ComponentSuite.Category)]
    public void KilnsWorldEncodingAndWitPrintAgreeWithJco()
    {
        Directory.CreateDirectory(_work);
        string every = Path.Combine(_work, "every.wit");
        File.WriteAllText(every, WitTestSources.Everything);
        var cases = new List<(string File, string World)> { (every, "all"), (every, "base"), (OneFile("cli"), "command"), (OneFile("cli"), "imports") };
        if (File.Exists(Path.Combine(WasiDir(), "wasi-http", "package.wit"))) cases.Add((OneFile("http"), "proxy"));
        int n = 0;
        foreach (var (file, world) in cases)
        {
            string w = Path.Combine(_work, $"case{n++}");
            Jco("embed", file, world, w + ".core.wasm");
            var resolve = WitPackageLoader.Load(file);
            var kilnType = ComponentEncoder.Encode(WitEncoder.EncodeWorldPackage(resolve.SelectWorld(world)));
            File.WriteAllBytes(w + ".kiln-core.wasm", ReplaceCustomSection(File.ReadAllBytes(w + ".core.wasm"), "component-type", kilnType));
            Jco("new", w + ".core.wasm", w + ".jco.wasm");
            Jco("new", w + ".kiln-core.wasm", w + ".kiln.wasm");
            Jco("wit", w + ".jco.wasm", w + ".jco.wit");
            Jco("wit", w + ".kiln.wasm", w + ".kiln.wit");
            string jcoText = File.ReadAllText(w + ".jco.wit");
            Assert.Equal(jcoText, File.ReadAllText(w + ".kiln.wit"));
            var kilnPrint = WitPrinter.Print(WitDecoder.Decode(File.ReadAllBytes(w + ".jco.wasm")), []);
            Assert.Equal(jcoText, kilnPrint);
            output.WriteLine($"{Path.GetFileName(file)} world {world}: same WIT ({jcoText.Split('\n').Length} lines)");
        }
    }

    private static void Jco(params string[] args)
    {
        string nodeModules = Environment.GetEnvironmentVariable("KILN_JCO_NODE_MODULES") is { Length: > 0 } m ? m : "/work/tools/node_modules";
        string script = Path.Combine(AppContext.BaseDirectory, "Suite", "jco-wit.mjs");
        var psi = new ProcessStartInfo("node", [script, nodeModules, .. args]) { RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"jco {string.Join(' ', args)} failed: {stderr}");
    }

    /// <summary>The core module with the payload of custom section <paramref name="name"/> replaced.</summary>
    private static byte[] ReplaceCustomSection(byte[] module, string name, byte[] payload)
    {
        var output = new List<byte>(module[..8]);
        int i = 8;
        bool replaced = false;
        while (i < module.Length)
        {
            int start = i;
            byte id = module[i++];
            uint size = Leb(module, ref i);
            int end = i + (int)size;
            if (id == 0)
            {
                int j = i;
                uint len = Leb(module, ref j);
                if (System.Text.Encoding.UTF8.GetString(module, j, (int)len) == name)
                {
                    var body = new List<byte>();
                    body.AddRange(EncodeLeb(len));
                    body.AddRange(module.AsSpan(j, (int)len).ToArray());
                    body.AddRange(payload);
                    output.Add(0);
                    output.AddRange(EncodeLeb((uint)body.Count));
                    output.AddRange(body);
                    replaced = true;
                    i = end;
                    continue;
                }
            }
            output.AddRange(module.AsSpan(start, end - start).ToArray());
            i = end;
        }
        Assert.True(replaced, $"no custom section {name}");
        return [.. output];
    }

    private static uint Leb(byte[] b, ref int i)
    {
        uint r = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte x = b[i++];
            r |= (uint)(x & 0x7f) << shift;
            if (x < 0x80) return r;
        }
    }

    private static IEnumerable<byte> EncodeLeb(uint n)
    {
        do
        {
            byte x = (byte)(n & 0x7f);
            n >>= 7;
            yield return n != 0 ? (byte)(x | 0x80) : x;
        } while (n != 0);
    }
}
