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
        code, its bytes, Intel syntax, the wasm byte offset it was compiled from (wasm@…, '|' = same as
        above) and, for an instruction that can trap, the trap. FILE is an artifact from 'kiln compile'
        (verified first, like 'kiln run' does) or a .wasm/.wat module, which is compiled in memory.

        options:
          --threads N     compile with N threads (modules only)
          -h, --help      show this help

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, [], ["--threads"]);
        if (cl.Positionals.Count != 1) throw new UsageException(cl.Positionals.Count == 0 ? "no input file" : "one file at a time");
        string path = cl.Positionals[0];
        var bytes = ModuleInput.ReadFile(path);
        string listing;
        if (ArtifactInput.LooksLikeArtifact(path, bytes))
        {
            // Listing code needs no CPU features, so only integrity, format and version are checked.
            var artifact = ArtifactInput.Read(path, new ArtifactLoadOptions { AvailableFeatures = CpuFeatures.All });
            listing = ArtifactListing.Print(artifact.Compiled, artifact.Compatibility);
        }
        else
        {
            var options = new ModuleCompilerOptions
            {
                Threads = cl.IntValue("--threads", 0, 0, 1024),
                Features = Targets.Host.NativeFeatures(),
            };
            var module = ModuleInput.LoadValid(path);
            byte[] image;
            using (ProgressIndicator.Start($"compiling {path}"))
            {
                image = CompileCommand.Compile(path, module, options, ArtifactTarget.Machine(Targets.Host));
            }
            var artifact = ArtifactReader.Read(image, new ArtifactLoadOptions { AvailableFeatures = CpuFeatures.All });
            listing = ArtifactListing.Print(artifact.Compiled, artifact.Compatibility);
        }
        Console.Out.Write(listing);
        return ExitCodes.Success;
    }
}
