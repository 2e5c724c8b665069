using Kiln.Codegen;
using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;

namespace Kiln.Cli.Commands;

public sealed class ObjdumpCommand : ICommand
{
    public string Name => "objdump";
    public string Summary => "disassemble an artifact (or a module, compiled in memory)";
    public string Help => """
        usage: kiln objdump [options] FILE

        Prints the machine code of each function under its wasm name: per instruction its offset in the
        code, its bytes, its assembly (x86-64: Intel syntax; AArch64: Capstone's), the wasm byte offset it was compiled from (wasm@…, '|' = same as
        above) and, for an instruction that can trap, the trap. FILE is an artifact from 'kiln compile'
        (verified first, like 'kiln run' does) or a .wasm/.wat module, which is compiled in memory.

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
        if (ArtifactInput.LooksLikeArtifact(path, bytes))
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
}
