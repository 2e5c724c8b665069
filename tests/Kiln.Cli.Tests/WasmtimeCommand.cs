using Kiln.Reference;

namespace Kiln.Cli.Tests;

/// <summary>
/// A tests/wasi program's component run as the README says (same argv, environment, preopen and stdin) under
/// Wasmtime 50's own WASI 0.2 host (<c>wasmtime_component_linker_add_wasip2</c>), calling <c>wasi:cli/run</c>:
/// its stdout and exit status (0 for ok, 1 for err, or the code given to <c>wasi:cli/exit</c>), for comparison with
/// <c>kiln run</c>.
/// </summary>
public static class WasmtimeCommand
{
    public static (int ExitCode, byte[] Stdout) Run(WasiProgram program, string component, string sandbox)
    {
        using var engine = new WasmtimeEngine();
        using var compiled = WasmtimeComponent.Compile(engine, File.ReadAllBytes(component));
        using var linker = new WasmtimeComponentLinker(engine);
        linker.AddWasip2();
        using var store = new WasmtimeStore(engine);
        var stdout = new MemoryStream();
        var wasi = new WasiConfiguration { Stdin = program.Stdin, Stdout = b => stdout.Write(b), Stderr = _ => { } };
        // argv[0] as kiln gives it: the file as named on its command line.
        wasi.Args.AddRange([component, "alpha", "beta gamma"]);
        wasi.Env.AddRange([new("KILN_TEST", "hello"), new("KILN_OTHER", "x")]);
        wasi.Preopens.Add(new WasiPreopenDir(sandbox, "/sandbox", Mutable: true));
        store.SetWasi(wasi);
        var instance = linker.Instantiate(store, compiled);
        var run = instance.GetFunc("wasi:cli/run@0.2.12", "run") ?? throw new InvalidOperationException("no wasi:cli/run@0.2.12#run");
        try
        {
            var result = run.Call();
            return (result is ComponentValue.Result { IsOk: true } ? 0 : 1, stdout.ToArray());
        }
        catch (WasmtimeExitException e)
        {
            return (e.ExitCode, stdout.ToArray());
        }
    }
}
