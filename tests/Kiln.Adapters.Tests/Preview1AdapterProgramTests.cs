using Kiln.Component.Adapters;
using Kiln.Component.Linking;
using Kiln.Reference;

namespace Kiln.Adapters.Tests;

/// <summary>
/// Every tests/wasi program made a component by <c>jco new --adapt wasi_snapshot_preview1=ADAPTER</c> and run in
/// Wasmtime 50.0.1 as tests/wasi/README.md says: with Kiln's own adapter (the bytes embedded in Kiln.Component),
/// and with jco's bundled reference adapter, which shows the harness itself is right. Both must print the
/// expected stdout, end with the expected status, and leave the host files beside the sandbox untouched.
/// </summary>
public sealed class Preview1AdapterProgramTests
{
    public static TheoryData<string> Programs => [.. WasiProgram.Names];

    [Theory]
    [MemberData(nameof(Programs))]
    public void Runs_in_Wasmtime_through_Kilns_adapter(string name)
    {
        using var work = new TempDirectory();
        string adapter = work.Combine("wasi_snapshot_preview1.command.wasm");
        File.WriteAllBytes(adapter, Preview1Adapters.Command.ToArray());
        RunAndCheck(name, adapter, work);
    }

    /// <summary>The whole path without jco: Kiln's <c>component new</c> (as <c>kiln component new --wasi-command</c>
    /// calls it) wiring the program to Kiln's own adapter; the component Wasmtime runs is Kiln's.</summary>
    [Theory]
    [MemberData(nameof(Programs))]
    public void Runs_in_Wasmtime_as_Kilns_component_with_Kilns_adapter(string name)
    {
        using var work = new TempDirectory();
        var program = WasiProgram.Get(name);
        byte[] component = ComponentNew.BuildBinary(File.ReadAllBytes(program.WasmPath),
            [new AdapterInput(Preview1Adapters.ModuleName, Preview1Adapters.Command.ToArray())]);
        Check(name, component, work);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Runs_in_Wasmtime_through_jcos_reference_adapter(string name)
    {
        using var work = new TempDirectory();
        Assert.True(Jco.IsInstalled, Jco.InstallHint);
        RunAndCheck(name, Jco.Preview1Adapter("command"), work, ReferenceAdapterDeviations);
    }

    /// <summary>Where jco's reference adapter answers differently from preview1 hosts (Kiln's, uvwasi), pinned so
    /// a change shows: fd_seek on a closed fd is not EBADF there (its descriptor table refuses it with another
    /// errno), so seek.c prints "?" for that line.</summary>
    private static string ReferenceAdapterDeviations(string name, string expected) =>
        name == "seek" ? expected.Replace("lseek on closed fd: -1 (EBADF)", "lseek on closed fd: -1 (?)", StringComparison.Ordinal) : expected;

    private static void RunAndCheck(string name, string adapter, TempDirectory work,
        Func<string, string, string>? deviations = null)
    {
        var program = WasiProgram.Get(name);
        Check(name, JcoNew.Componentize(program.WasmPath, adapter, work.Combine(name + ".component.wasm")), work, deviations);
    }

    private static void Check(string name, byte[] component, TempDirectory work, Func<string, string, string>? deviations = null)
    {
        var program = WasiProgram.Get(name);
        var result = Run(program, component, work, out var outsideBefore, out var outsideAfter);
        // WASI 0.2.0's wasi:cli/exit tells success from failure only: a non-zero preview1 status is failure, 1.
        int expectedExit = program.ExpectedExit == 0 ? 0 : 1;
        Assert.True(result.ExitCode == expectedExit, $"{name}: expected exit {expectedExit}, got {result}");
        string expected = System.Text.Encoding.UTF8.GetString(ExpectedStdout(program));
        Assert.Equal(deviations is null ? expected : deviations(name, expected), result.StdoutText);
        Assert.Equal(outsideBefore, outsideAfter);
    }

    /// <summary>The expected stdout; see <see cref="WasmtimeEscapes"/> for the one program whose errnos differ.</summary>
    private static byte[] ExpectedStdout(WasiProgram program) =>
        program.Name == "escape" ? WasmtimeEscapes.Expected(program.ExpectedStdout) : program.ExpectedStdout;

    private static CommandResult Run(WasiProgram program, byte[] component, TempDirectory work,
        out List<string> outsideBefore, out List<string> outsideAfter)
    {
        string root = work.Combine("root");
        string sandbox = Path.Combine(root, "sandbox");
        Directory.CreateDirectory(sandbox);
        foreach (var (link, target) in program.Links) File.CreateSymbolicLink(Path.Combine(sandbox, link), target);
        WasiProgram.PlantCanaries(root);
        outsideBefore = WasiProgram.SnapshotOutside(root);
        var wasi = new WasiConfiguration { Stdin = program.Stdin };
        wasi.Args.AddRange([program.Name, "alpha", "beta gamma"]);
        wasi.Env.Add(new("KILN_TEST", "hello"));
        wasi.Env.Add(new("KILN_OTHER", "x"));
        wasi.Preopens.Add(new WasiPreopenDir(sandbox, "/sandbox", Mutable: true));
        var result = WasmtimeCommand.Run(component, wasi);
        outsideAfter = WasiProgram.SnapshotOutside(root);
        return result;
    }
}
