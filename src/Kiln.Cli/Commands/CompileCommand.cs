using Kiln.Codegen.X64;
using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;
using Kiln.Wasm.Validation;

namespace Kiln.Cli.Commands;

public sealed class CompileCommand : ICommand
{
    public string Name => "compile";
    public string Summary => "compile a module ahead of time into an ELF artifact";
    public string Help => """
        usage: kiln compile [options] IN [-o OUT]

        Compiles IN (.wasm or .wat) to a Kiln artifact: an ELF64 relocatable file with the machine code
        in .text, a symbol per function, the trap table, the module's metadata and an engine-compatibility
        record, sealed with a SHA-256 digest. 'kiln run OUT' loads it without recompiling; 'readelf -a' and
        'objdump -d' read it. The same input and options give a byte-identical file, whatever --threads.

        options:
          -o, --output OUT    where to write (default: IN with the extension .kiln; '-' = stdout)
          --target T          x86_64 (default); aarch64 is recognized but not supported yet
          --cpu C             native (default: the CPU extensions of this machine) or baseline
                              (SSE4.1 and POPCNT only, for artifacts that run on any x86-64 Kiln supports)
          --no-opt            skip the mid-end passes
          --threads N         compile with N threads (default: one per processor)
          -h, --help          show this help

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, ["--no-opt"], ["-o", "--output", "--target", "--cpu", "--threads"]);
        if (cl.Positionals.Count != 1) throw new UsageException(cl.Positionals.Count == 0 ? "no input file" : "one input file at a time");
        string input = cl.Positionals[0];
        string output = cl.Value("-o") ?? cl.Value("--output") ?? Path.ChangeExtension(input, ".kiln");
        string targetName = cl.Value("--target") ?? ArtifactTarget.X86_64;
        var target = ArtifactTarget.Parse(targetName) ?? throw new UsageException($"unknown target '{targetName}' (x86_64 or aarch64)");
        if (!ArtifactTarget.IsSupported(target))
            throw new CliException($"target {ArtifactTarget.Name(target)} is not supported yet");
        var features = (cl.Value("--cpu") ?? "native") switch
        {
            "native" => HostCpu.Available() & (CompileOptions.Default.Features | CpuFeatures.Baseline),
            "baseline" => CpuFeatures.Baseline,
            var c => throw new UsageException($"--cpu takes native or baseline, not '{c}'"),
        };
        var options = new ModuleCompilerOptions
        {
            Threads = cl.IntValue("--threads", 0, 0, 1024),
            Optimize = !cl.Has("--no-opt"),
            Features = features | CpuFeatures.Baseline,
        };
        if (output != "-" && Path.GetFullPath(output) == Path.GetFullPath(input))
            throw new CliException($"the output would overwrite the input '{input}'; name another with -o");

        if (ComponentInput.Detect(ModuleInput.ReadFile(input)) != ComponentInput.Kind.NotComponent) throw new CliException(ComponentInput.RunRefusal(input));
        var module = ModuleInput.LoadValid(input);
        byte[] artifact;
        using (ProgressIndicator.Start($"compiling {input} ({module.Codes.Count} functions)"))
        {
            artifact = Compile(input, module, options, target);
        }
        OutputFile.Write(output, artifact);
        return ExitCodes.Success;
    }

    internal static byte[] Compile(string input, Kiln.Wasm.Model.WasmModule module, ModuleCompilerOptions options, ElfMachine target)
    {
        try
        {
            return ArtifactCompiler.Compile(module, options, target);
        }
        catch (Exception e) when (e is NotSupportedException or WasmValidationException or CompileException)
        {
            throw new CliException($"{input}: {e.Message}");
        }
    }
}
