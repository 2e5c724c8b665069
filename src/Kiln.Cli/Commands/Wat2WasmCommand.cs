using Kiln.Component.Binary;
using Kiln.Wasm.Binary;

namespace Kiln.Cli.Commands;

public sealed class Wat2WasmCommand : ICommand
{
    public string Name => "wat2wasm";
    public string Summary => "translate the text format to a binary module";
    public string Help => """
        usage: kiln wat2wasm [options] IN.wat [-o OUT.wasm]

        Parses a module in the WebAssembly text format, validates it and writes the binary.
        Without -o the output goes next to the input with the extension .wasm; '-o -' writes
        to standard output.

        options:
          -o, --output PATH   where to write the binary
          --no-validate       write the binary even if the module does not validate
          -h, --help          show this help

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, ["--no-validate"], ["-o", "--output"]);
        if (cl.Positionals.Count != 1) throw new UsageException("expected one input file");
        string input = cl.Positionals[0];
        var bytes = ModuleInput.ReadFile(input);
        if (ComponentInput.Detect(bytes) is var kind and not ComponentInput.Kind.NotComponent)
        {
            var (component, error) = ComponentInput.TryLoad(bytes, kind, validate: !cl.Has("--no-validate"));
            if (component is null) throw new CliException($"{input}: {error}");
            OutputFile.Write(cl.Value("-o") ?? cl.Value("--output") ?? Path.ChangeExtension(input, ".wasm"), ComponentEncoder.Encode(component));
            return ExitCodes.Success;
        }
        var loaded = cl.Has("--no-validate") ? ModuleInput.TryLoad(bytes) : ModuleInput.TryLoadAndValidate(bytes);
        if (loaded.Module is null) throw new CliException($"{input}: {loaded.Error}");
        byte[] binary = ModuleEncoder.Encode(loaded.Module);
        string output = cl.Value("-o") ?? cl.Value("--output") ?? Path.ChangeExtension(input, ".wasm");
        OutputFile.Write(output, binary);
        return ExitCodes.Success;
    }
}
