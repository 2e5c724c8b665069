using Kiln.Codegen;
using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;

namespace Kiln.Cli.Commands;

public sealed class ObjdumpCommand : ICommand
{
    public string Name => "objdump";
    public string Summary => "disassemble an artifact (or a module or component, compiled in memory)";
    public string Help => """
        usage: kiln objdump [options] FILE

        Prints the machine code of each function under its wasm name: per instruction its offset in the
        code, its bytes, its assembly (x86-64: Intel syntax; AArch64: Capstone's), the wasm byte offset it was compiled from (wasm@…, '|' = same as
        above) and, for an instruction that can trap, the trap. FILE is an artifact from 'kiln compile'
        (verified first, like 'kiln run' does) or a .wasm/.wat module, which is compiled in memory.
        For a component (or its artifact) the listing starts with its plan: what each lifted export calls,
        the lowered imports and their wasm→host trampolines, the always-trap functions; then each core
        module's code, the always-trap module's last.

        options:
          --target T      x86_64 or aarch64 (modules only; default: the host's)
          --threads N     compile with N threads (modules only)
          -h, --help      show this help

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, [], ["--threads", "--target"]);
        if (cl.Positionals.Count != 1) throw new UsageException(cl.Positionals.Count == 0 ? "no input file" : "one file at a time");
        string path = cl.Positionals[0];
        var bytes = ModuleInput.ReadFile(path);
        string listing;
        if (ComponentRun.IsComponent(path, bytes))
            listing = ComponentListing(path, bytes);
        else if (ArtifactInput.LooksLikeArtifact(path, bytes))
        {
            // Listing code needs no CPU features and runs nothing, so any target Kiln has a backend for is listed
            // (its disassembler); integrity, format and version are checked.
            var machine = bytes.Length >= 20 ? (ElfMachine)System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(18)) : ElfMachine.X86_64;
            var load = new ArtifactLoadOptions { AvailableFeatures = CpuFeatures.All };
            if (ArtifactTarget.IsSupported(machine)) load = load with { Machine = machine };
            var artifact = ArtifactInput.Read(path, load);
            listing = ArtifactListing.Print(artifact.Compiled, artifact.Compatibility);
        }
        else
        {
            string targetName = cl.Value("--target") ?? ArtifactTarget.Name(ArtifactTarget.Machine(Targets.Host));
            var target = ArtifactTarget.Parse(targetName) ?? throw new UsageException($"unknown target '{targetName}' (x86_64 or aarch64)");
            var isa = ArtifactTarget.Isa(target) ?? throw new CliException($"target {ArtifactTarget.Name(target)} is not supported yet");
            var options = new ModuleCompilerOptions
            {
                Threads = cl.IntValue("--threads", 0, 0, 1024),
                Target = isa,
                Features = isa.NativeFeatures(),
            };
            var module = ModuleInput.LoadValid(path);
            byte[] image;
            using (ProgressIndicator.Start($"compiling {path}"))
            {
                image = CompileCommand.Compile(path, module, options, target);
            }
            var artifact = ArtifactReader.Read(image, new ArtifactLoadOptions { AvailableFeatures = CpuFeatures.All, Machine = target });
            listing = ArtifactListing.Print(artifact.Compiled, artifact.Compatibility);
        }
        Console.Out.Write(listing);
        return ExitCodes.Success;
    }

    /// <summary>A component (compiled in memory) or a component's artifact: its plan, then each core module's code.</summary>
    private static string ComponentListing(string path, byte[] bytes)
    {
        var options = new ArtifactLoadOptions { AvailableFeatures = CpuFeatures.All };
        try
        {
            if (!ArtifactInput.IsArtifact(bytes))
            {
                var (model, error) = ComponentInput.TryLoad(bytes, ComponentInput.Detect(bytes));
                if (model is null) throw new CliException($"{path}: {error}");
                using (ProgressIndicator.Start($"compiling {path}"))
                {
                    bytes = ComponentArtifactCompiler.Compile(model, new ModuleCompilerOptions { Features = Targets.Host.NativeFeatures() },
                        ArtifactTarget.Machine(Targets.Host));
                }
            }
            var read = ComponentArtifactReader.Read(bytes, options);
            var component = Kiln.Component.Binary.ComponentDecoder.Decode(read.ComponentBinary);
            var plan = Kiln.Compiler.Component.ComponentTranslator.Translate(component, Kiln.Component.Validation.ComponentValidator.ValidateDetailed(component));
            var modules = new List<Artifact>();
            foreach (var m in read.ModuleArtifacts) modules.Add(ArtifactReader.Read(m, options));
            return ComponentArtifactListing.Print(plan, modules, read.Compatibility);
        }
        catch (Exception e) when (e is KilnException or NotSupportedException or Kiln.Component.Validation.ComponentValidationException
            or Kiln.Component.Binary.ComponentDecodeException)
        {
            throw new CliException($"{path}: {e.Message}");
        }
    }
}
