using System.Text.RegularExpressions;
using Kiln.Component.Binary;
using Kiln.Component.Linking;
using Kiln.Component.Validation;
using Kiln.Reference;
using Xunit.Abstractions;
using V = Kiln.Reference.ComponentValue;

namespace Kiln.Component.Tests.Linking;

/// <summary>
/// Every C program of tests/wasi made a component by <c>component new</c> with jco's preview1 command adapter:
/// Kiln's validator, wasm-tools (jco, reading the same WIT as from jco's own component) and Wasmtime 50.0.1 accept
/// it, and under Wasmtime's WASI 0.2 it behaves as jco's component and (where the adapter allows) as the program's
/// <c>.expected</c> says (run as tests/wasi/README.md says).
/// </summary>
public sealed partial class ComponentNewWasiTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"kiln-compnew-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    public static IEnumerable<object[]> Programs() =>
        Directory.GetFiles(LinkingPaths.WasiPrograms, "*.c").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal)
            .Select(n => new object[] { n });

    public static byte[] Build(string program) =>
        ComponentNew.BuildBinary(File.ReadAllBytes(LinkingPaths.WasiProgram(program)),
            [new AdapterInput("wasi_snapshot_preview1", File.ReadAllBytes(LinkingPaths.CommandAdapter()))]);

    /// <summary>jco's <c>component new</c> of the same program with the same adapter: the reference behaviour.</summary>
    private byte[] BuildWithJco(string program)
    {
        Directory.CreateDirectory(_work);
        string outPath = Path.Combine(_work, program + ".jco.wasm");
        var psi = new System.Diagnostics.ProcessStartInfo(Jco.Executable,
            ["new", LinkingPaths.WasiProgram(program), "--adapt", "wasi_snapshot_preview1=" + LinkingPaths.CommandAdapter(), "-o", outPath])
        { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"jco new failed: {err}");
        return File.ReadAllBytes(outPath);
    }

    /// <summary>Kiln's component and jco's run alike under Wasmtime: same stdout, same exit code; and where the
    /// adapter lets the program behave as its core version does (all but exit codes above 1, which WASI 0.2.0's
    /// <c>exit</c> reports as 1, and errno values the adapter maps differently), that is its <c>.expected</c>.</summary>
    [Theory]
    [MemberData(nameof(Programs))]
    public void ProgramRunsAsComponentUnderWasmtimeLikeJcosComponent(string program)
    {
        var bytes = Build(program);
        // Kiln's own validator accepts it.
        ComponentValidator.Validate(ComponentDecoder.Decode(bytes));
        var jcoBytes = BuildWithJco(program);
        // wasm-tools (jco) reads the same world from both: the same interfaces imported, with the same functions.
        string kilnPath = Path.Combine(_work, program + ".kiln.wasm"), jcoPath = Path.Combine(_work, program + ".jco.wasm");
        File.WriteAllBytes(kilnPath, bytes);
        JcoTool.Run("wit", kilnPath, kilnPath + ".wit");
        JcoTool.Run("wit", jcoPath, jcoPath + ".wit");
        Assert.Equal(File.ReadAllText(jcoPath + ".wit"), File.ReadAllText(kilnPath + ".wit"));
        var (stdout, exit) = RunUnderWasmtime(program, bytes, "kiln");
        var (jcoStdout, jcoExit) = RunUnderWasmtime(program, jcoBytes, "jco");
        Assert.Equal(jcoStdout, stdout);
        Assert.Equal(jcoExit, exit);
        string expected = File.ReadAllText(Path.Combine(LinkingPaths.WasiPrograms, program + ".expected"));
        bool asCore = stdout == expected && exit == ExpectedExit(program);
        output.WriteLine($"{program}: component {bytes.Length} bytes, exit {exit}; same as jco's; {(asCore ? "same as the core program" : "differs from the core program as jco's does")}");
        if (!KnownAdapterDifferences.Contains(program))
        {
            Assert.Equal(expected, stdout);
            Assert.Equal(ExpectedExit(program), exit);
        }
    }

    /// <summary>Programs whose component differs from the core program through the adapter itself (jco's
    /// component differs the same way): exit(3) is reported as 1 by WASI 0.2.0's <c>exit</c>, lseek on a closed
    /// descriptor and the escape attempts answer with the adapter's errno mapping.</summary>
    private static readonly HashSet<string> KnownAdapterDifferences = ["exit", "seek", "escape"];

    private (string Stdout, int Exit) RunUnderWasmtime(string program, byte[] bytes, string tag)
    {
        using var engine = new WasmtimeEngine();
        Assert.Null(WasmtimeComponent.Validate(engine, bytes));
        using var component = WasmtimeComponent.Compile(engine, bytes);
        using var linker = new WasmtimeComponentLinker(engine);
        linker.AddWasip2();
        using var store = new WasmtimeStore(engine);

        string sandbox = Path.Combine(_work, tag, "sandbox");
        Directory.CreateDirectory(sandbox);
        foreach (var (link, target) in Links(program)) File.CreateSymbolicLink(Path.Combine(sandbox, link), target);
        var stdout = new MemoryStream();
        var wasi = new WasiConfiguration { Stdout = b => stdout.Write(b), Stderr = _ => { } };
        wasi.Args.AddRange([program, "alpha", "beta gamma"]);
        wasi.Env.Add(new("KILN_TEST", "hello"));
        wasi.Env.Add(new("KILN_OTHER", "x"));
        wasi.Preopens.Add(new WasiPreopenDir(sandbox, "/sandbox", Mutable: true));
        string stdin = Path.Combine(LinkingPaths.WasiPrograms, program + ".stdin");
        wasi.Stdin = File.Exists(stdin) ? File.ReadAllBytes(stdin) : [];
        store.SetWasi(wasi);

        int exit;
        try
        {
            var instance = linker.Instantiate(store, component);
            var run = instance.GetFunc("wasi:cli/run@0.2.12", "run");
            Assert.NotNull(run);
            var result = Assert.IsType<V.Result>(run.Call());
            exit = result.IsOk ? 0 : 1;
        }
        catch (WasmtimeExitException e)
        {
            exit = e.ExitCode;
        }
        return (System.Text.Encoding.UTF8.GetString(stdout.ToArray()), exit);
    }

    private static int ExpectedExit(string program)
    {
        var m = ExpectedExitPattern().Match(File.ReadAllText(Path.Combine(LinkingPaths.WasiPrograms, program + ".c")));
        return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static List<(string, string)> Links(string program)
    {
        string path = Path.Combine(LinkingPaths.WasiPrograms, program + ".links");
        var links = new List<(string, string)>();
        if (!File.Exists(path)) return links;
        foreach (var line in File.ReadAllLines(path))
        {
            int arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
            if (arrow > 0) links.Add((line[..arrow], line[(arrow + 4)..]));
        }
        return links;
    }

    [GeneratedRegex(@"expected-exit:\s*(\d+)")]
    private static partial Regex ExpectedExitPattern();
}
