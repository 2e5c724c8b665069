using Kiln.Cli.Wast;

namespace Kiln.Cli.Commands;

public sealed class WastCommand : ICommand
{
    public string Name => "wast";
    public string Summary => "run spec-style .wast test scripts";
    public string Help => """
        usage: kiln wast [options] FILE...

        Runs WebAssembly script files (.wast): module definitions and assertions. Each failure is
        printed as FILE:LINE: KIND: FAIL: MESSAGE; the last line is "N passed, M failed, K skipped".
        A directive Kiln cannot run yet is counted as skipped, with the reason, never as passed.
        Exit status 1 when anything failed.

        options:
          --json PATH     write one record per directive: {"file","line","kind","result","message"}
          -v, --verbose   also print passing and skipped directives
          --skips         print how many directives were skipped for each reason
          --artifacts     compile each module to an artifact in memory and load that back (the
                          'kiln compile' + 'kiln run' path) instead of compiling straight into memory
          --wasm-2.0      decode and validate by Wasm 2.0's rules, without the later proposals Kiln
                          accepts by default (multi-memory, shared memories), which made some of the
                          2.0 spec suite's malformed and invalid modules legal
          -h, --help      show this help

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, ["-v", "--verbose", "--skips", "--artifacts", "--wasm-2.0"], ["--json"]);
        if (cl.Positionals.Count == 0) throw new UsageException("no script file");
        var report = new WastReport(Console.Out, cl.Has("-v") || cl.Has("--verbose"));
        var runner = new WastRunner(report)
        {
            ViaArtifacts = cl.Has("--artifacts"),
            Features = cl.Has("--wasm-2.0") ? Kiln.Wasm.WasmFeatures.Wasm2 : Kiln.Wasm.WasmFeatures.Default,
        };
        foreach (var file in cl.Positionals) runner.RunFile(file);
        if (cl.Value("--json") is { } json) report.WriteJson(json);
        if (cl.Has("--skips"))
        {
            foreach (var (reason, count) in report.SkipReasons()) Console.Out.WriteLine($"skipped {count}: {reason}");
        }
        Console.Out.WriteLine(report.Summary);
        return report.Failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
