using Kiln.Component.Adapters;
using Kiln.Reference;

namespace Kiln.Adapters.Tests;

/// <summary>
/// The adapter's documented limit: arguments (like the environment) are lowered by the host into the adapter's
/// scratch area (adapter.h, 59,344 bytes), which the host fills before the adapter can refuse. More than fits is a
/// trap in cabi_import_realloc, never a write beyond the area; just under it works.
/// </summary>
public sealed class ScratchLimitTests
{
    [Fact]
    public void Arguments_that_fit_the_scratch_area_reach_the_program()
    {
        var result = RunArgs(new string('a', 50_000));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("argc = 3", result.StdoutText, StringComparison.Ordinal);
        Assert.Contains(new string('a', 50_000), result.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_beyond_the_scratch_area_trap()
    {
        var e = Assert.Throws<WasmtimeTrapException>(() => RunArgs(new string('a', 70_000)));
        Assert.Equal(WasmtimeTrapCode.UnreachableCodeReached, e.Code);
    }

    private static CommandResult RunArgs(string big)
    {
        using var work = new TempDirectory();
        string adapter = work.Combine("adapter.wasm");
        File.WriteAllBytes(adapter, Preview1Adapters.Command.ToArray());
        var program = WasiProgram.Get("args");
        byte[] component = JcoNew.Componentize(program.WasmPath, adapter, work.Combine("args.component.wasm"));
        var wasi = new WasiConfiguration { Stdin = [] };
        wasi.Args.AddRange(["args", "x", big]);
        return WasmtimeCommand.Run(component, wasi);
    }
}
