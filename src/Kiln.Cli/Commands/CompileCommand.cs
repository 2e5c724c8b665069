using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;
using Kiln.Wasm.Validation;

namespace Kiln.Cli.Commands;

public sealed class CompileCommand : ICommand
{
    public string Name => "compile";
    public string Summary => "compile a module or component ahead of time into an ELF artifact";
    public string Help => """
        usage: kiln compile [options] IN [-o OUT]

        Compiles IN (.wasm or .wat) to a Kiln artifact: an ELF64 relocatable file with the machine code
        in .text, a symbol per function, the trap table, the module's metadata and an engine-compatibility
        record, sealed with a SHA-256 digest (or, with --key, an HMAC-SHA-256 under the operator's key). 'kiln run OUT' loads it without recompiling; 'readelf -a' and
        'objdump -d' read it. The same input and options give a byte-identical file, whatever --threads.
        A component (.wasm or .wat) compiles to a component artifact: the component itself plus one module
        artifact per core module, sealed as a whole ('kiln run --invoke NAME OUT' loads it without recompiling).

        options:
          -o, --output OUT    where to write (default: IN with the extension .kiln; '-' = stdout)
          --target T          x86_64 or aarch64 (default: the host's)
        """ + "\n" + CpuOption.Help + """
          --no-opt            skip the mid-end passes
          -W consume-fuel     compile fuel metering in ('-W fuel=N' too); 'kiln run -W fuel=N' must then be used
          -W epoch-interruption  compile epoch checks in ('-W timeout=T' too); run it with -W timeout or -W epoch-interruption
          -W compile-timeout=DURATION, -W max-compile-memory=BYTES   stop compiling past this time or allocated memory
          --threads N         compile with N threads (default: one per processor)
          --key FILE          seal with HMAC-SHA-256 under the key in FILE (at least 16 bytes); 'kiln run --key FILE'
                              then requires it. The plain digest only detects corruption: anyone can recompute it
          -h, --help          show this help

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, ["--no-opt"], ["-o", "--output", "--target", "--cpu", "--threads", "-W", ArtifactKey.Option]);
        // Only the -W settings that change code (fuel metering, epoch checks), as in 'wasmtime compile', and the
        // compile budget matter here.
        var groups = OptionGroups.Parse(cl.Values("-W"), []);
        if (cl.Positionals.Count != 1) throw new UsageException(cl.Positionals.Count == 0 ? "no input file" : "one input file at a time");
        string input = cl.Positionals[0];
        string output = cl.Value("-o") ?? cl.Value("--output") ?? Path.ChangeExtension(input, ".kiln");
        string targetName = cl.Value("--target") ?? ArtifactTarget.Name(ArtifactTarget.Machine(Targets.Host));
        var target = ArtifactTarget.Parse(targetName) ?? throw new UsageException($"unknown target '{targetName}' (x86_64 or aarch64)");
        var isa = ArtifactTarget.Isa(target) ?? throw new CliException($"target {ArtifactTarget.Name(target)} is not supported yet");
        var features = CpuOption.Parse(isa, cl.Value("--cpu"));
        var options = groups.Apply(new ModuleCompilerOptions
        {
            Threads = cl.IntValue("--threads", 0, 0, 1024),
            Optimize = !cl.Has("--no-opt"),
            Target = isa,
            Features = features,
            ConsumeFuel = groups.ConsumeFuel,
            EpochInterruption = groups.EpochInterruption,
        });
        if (output != "-" && Path.GetFullPath(output) == Path.GetFullPath(input))
            throw new CliException($"the output would overwrite the input '{input}'; name another with -o");

        byte[]? key = ArtifactKey.FromCommandLine(cl);
        var bytes = ModuleInput.ReadFile(input);
        if (ComponentInput.Detect(bytes) is var kind and not ComponentInput.Kind.NotComponent)
        {
            var (component, error) = ComponentInput.TryLoad(bytes, kind);
            if (component is null) throw new CliException($"{input}: {error}");
            using (ProgressIndicator.Start($"compiling component {input}"))
            {
                OutputFile.Write(output, CompileComponent(input, component, options, target, key));
            }
            return ExitCodes.Success;
        }
        var module = ModuleInput.LoadValid(input);
        byte[] artifact;
        using (ProgressIndicator.Start($"compiling {input} ({module.Codes.Count} functions)"))
        {
            artifact = Compile(input, module, options, target, key);
        }
        OutputFile.Write(output, artifact);
        return ExitCodes.Success;
    }

    private static byte[] CompileComponent(string input, Kiln.Component.Model.WasmComponent component, ModuleCompilerOptions options, ElfMachine target, byte[]? key)
    {
        try
        {
            return ComponentArtifactCompiler.Compile(component, options, target, key);
        }
        catch (Exception e) when (e is NotSupportedException or KilnException or Kiln.Component.Validation.ComponentValidationException)
        {
            throw new CliException($"{input}: {e.Message}");
        }
    }

    internal static byte[] Compile(string input, Kiln.Wasm.Model.WasmModule module, ModuleCompilerOptions options, ElfMachine target, byte[]? key = null)
    {
        try
        {
            return ArtifactCompiler.Compile(module, options, target, key);
        }
        catch (Exception e) when (e is NotSupportedException or KilnException)
        {
            throw new CliException($"{input}: {e.Message}");
        }
    }
}
