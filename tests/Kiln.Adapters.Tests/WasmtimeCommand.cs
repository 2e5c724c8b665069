using System.Text;
using Kiln.Component.Binary;
using Kiln.Component.Model;
using Kiln.Reference;

namespace Kiln.Adapters.Tests;

/// <summary>What a command component did when Wasmtime ran it.</summary>
public sealed record CommandResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StdoutText}\nstderr:\n{Stderr}";
}

/// <summary>
/// Runs a WASI command component in Wasmtime 50.0.1 (Kiln.Reference): WASI 0.2 from
/// <c>wasmtime_component_linker_add_wasip2</c>, then its <c>wasi:cli/run</c> export's <c>run</c>. The exit code
/// is 0 when run returns ok, 1 when it returns err, else what wasi:cli/exit said.
/// </summary>
public static class WasmtimeCommand
{
    private static readonly WasmtimeEngine Engine = new();

    public static CommandResult Run(byte[] component, WasiConfiguration wasi)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        wasi.Stdout = bytes => stdout.Write(bytes);
        wasi.Stderr = bytes => stderr.Write(bytes);
        using var compiled = WasmtimeComponent.Compile(Engine, component);
        using var linker = new WasmtimeComponentLinker(Engine);
        linker.AddWasip2();
        using var store = new WasmtimeStore(Engine);
        store.SetWasi(wasi);
        var instance = linker.Instantiate(store, compiled);
        string runInterface = RunExportName(component);
        var run = instance.GetFunc(runInterface, "run");
        Assert.True(run is not null, $"the component's {runInterface} export has no function run");
        int exit;
        try
        {
            var result = run!.Call();
            var r = Assert.IsType<Kiln.Reference.ComponentValue.Result>(result);
            exit = r.IsOk ? 0 : 1;
        }
        catch (WasmtimeExitException e)
        {
            exit = e.ExitCode;
        }
        return new CommandResult(exit, stdout.ToArray(), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    /// <summary>Runs a preview1 core module with Wasmtime's own preview1 implementation (<c>wasmtime_linker_define_wasi</c>)
    /// by calling its <c>_start</c>: the oracle a preview1 adapter on WASI 0.2 should agree with.</summary>
    public static CommandResult RunCore(byte[] module, WasiConfiguration wasi)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        wasi.Stdout = bytes => stdout.Write(bytes);
        wasi.Stderr = bytes => stderr.Write(bytes);
        using var compiled = WasmtimeModule.Compile(Engine, module);
        using var linker = new WasmtimeLinker(Engine);
        linker.DefineWasi();
        using var store = new WasmtimeStore(Engine);
        store.SetWasi(wasi);
        var instance = linker.Instantiate(store, compiled);
        var start = instance.GetFunc("_start");
        Assert.True(start is not null, "the module exports no _start");
        int exit = 0;
        try
        {
            start!.Call();
        }
        catch (WasmtimeExitException e)
        {
            exit = e.ExitCode;
        }
        return new CommandResult(exit, stdout.ToArray(), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    /// <summary>The component's export of a wasi:cli/run instance, whatever 0.2.x version it names.</summary>
    public static string RunExportName(byte[] component)
    {
        foreach (var export in ComponentDecoder.Decode(component).Items<ComponentExport>())
            if (export.Name.Name.StartsWith("wasi:cli/run@0.2.", StringComparison.Ordinal)) return export.Name.Name;
        Assert.Fail("the component exports no wasi:cli/run@0.2.x instance");
        return "";
    }
}
