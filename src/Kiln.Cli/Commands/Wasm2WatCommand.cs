using Kiln.Wasm.Text.Printing;

namespace Kiln.Cli.Commands;

public sealed class Wasm2WatCommand : ICommand
{
    public string Name => "wasm2wat";
    public string Summary => "print a binary module in the text format";
    public string Help => """
        usage: kiln wasm2wat [options] IN.wasm [-o OUT.wat]

        Decodes a binary module and prints it in the WebAssembly text format (flat instructions,
        names from the name section). Writes to standard output unless -o is given.

        options:
          -o, --output PATH   where to write the text
          --offsets           prefix each instruction with its byte offset in the binary
          --no-validate       print even if the module does not validate
          -h, --help          show this help

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, ["--offsets", "--no-validate"], ["-o", "--output"]);
        if (cl.Positionals.Count != 1) throw new UsageException("expected one input file");
        string input = cl.Positionals[0];
        var bytes = ModuleInput.ReadFile(input);
        if (ComponentInput.Detect(bytes) is var kind and not ComponentInput.Kind.NotComponent)
        {
            var (component, error) = ComponentInput.TryLoad(bytes, kind, validate: !cl.Has("--no-validate"));
            if (component is null) throw new CliException($"{input}: {error}");
            string printed = Kiln.Component.Text.Printing.ComponentPrinter.Print(component);
            OutputFile.Write(cl.Value("-o") ?? cl.Value("--output") ?? "-", System.Text.Encoding.UTF8.GetBytes(printed));
            return ExitCodes.Success;
        }
        var loaded = cl.Has("--no-validate") ? ModuleInput.TryLoad(bytes) : ModuleInput.TryLoadAndValidate(bytes);
        if (loaded.Module is null) throw new CliException($"{input}: {loaded.Error}");
        string text = WatPrinter.Print(loaded.Module, new WatPrinterOptions { ShowOffsets = cl.Has("--offsets") });
        string output = cl.Value("-o") ?? cl.Value("--output") ?? "-";
        OutputFile.Write(output, System.Text.Encoding.UTF8.GetBytes(text));
        return ExitCodes.Success;
    }
}
