using Kiln.Component.Adapters;
using Kiln.Reference;

namespace Kiln.Adapters.Tests;

/// <summary>
/// Programs/preview1_calls.c: the preview1 functions tests/wasi's programs do not reach (random, poll_oneoff,
/// fd_renumber, fd_readdir with truncated entries, times, sizes, advice, sync, sockets, proc_raise, bad UTF-8), called
/// directly. Through Kiln's adapter on Wasmtime's WASI 0.2 it must print preview1_calls.expected; Wasmtime's own
/// preview1 implementation, an independent one, must print the same, but for proc_raise (it traps) and fd_readdir
/// on a file, which it refuses as EBADF (8) where Kiln's preview1 host and this adapter say ENOTDIR (54).
/// </summary>
public sealed class Preview1CallsTests
{
    private static string Source => Path.Combine(RepoPaths.Root, "tests", "Kiln.Adapters.Tests", "Programs", "preview1_calls.c");

    private static string ExpectedText =>
        File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "Kiln.Adapters.Tests", "Programs", "preview1_calls.expected"));

    [Fact]
    public void Kilns_adapter_on_wasi_0_2_answers_each_call_as_expected()
    {
        using var work = new TempDirectory();
        Build(work);
        string adapter = work.Combine("adapter.wasm");
        File.WriteAllBytes(adapter, Preview1Adapters.Command.ToArray());
        byte[] component = JcoNew.Componentize(work.Combine("calls.wasm"), adapter, work.Combine("calls.component.wasm"));
        var result = WasmtimeCommand.Run(component, Configure(work, raise: true));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(ExpectedText, result.StdoutText);
    }

    [Fact]
    public void Wasmtimes_own_preview1_answers_the_same()
    {
        using var work = new TempDirectory();
        byte[] module = Build(work);
        var result = WasmtimeCommand.RunCore(module, Configure(work, raise: false));
        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = string.Join('\n', ExpectedText.Split('\n').Where(l => !l.StartsWith("proc_raise:", StringComparison.Ordinal)))
            .Replace("fd_readdir on a file: 54", "fd_readdir on a file: 8", StringComparison.Ordinal);
        Assert.Equal(expected, result.StdoutText);
    }

    private static byte[] Build(TempDirectory work)
    {
        string output = work.Combine("calls.wasm");
        var build = ProcessRunner.Run("clang-14",
            ["--target=wasm32-wasi", "--sysroot=/usr", "-O2", "-Wall", "-Werror", "-o", output, Source]);
        Assert.True(build.ExitCode == 0, $"clang-14 (packages clang-14, lld-14, wasi-libc, libclang-rt-14-dev-wasm32): {build}");
        return File.ReadAllBytes(output);
    }

    private static WasiConfiguration Configure(TempDirectory work, bool raise)
    {
        string sandbox = work.Combine("sandbox");
        Directory.CreateDirectory(sandbox);
        var wasi = new WasiConfiguration { Stdin = [] };
        wasi.Args.AddRange(["preview1_calls", "alpha", "beta gamma"]);
        wasi.Env.Add(new("KILN_TEST", "hello"));
        if (raise) wasi.Env.Add(new("KILN_CALLS_RAISE", "1"));
        wasi.Preopens.Add(new WasiPreopenDir(sandbox, "/sandbox", Mutable: true));
        return wasi;
    }
}
