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
          --adapters          for a component: print the fused adapter modules Kiln generates for it
                              (one per lowering of a function lifted by another component instance)
          -h, --help          show this help

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, ["--offsets", "--no-validate", "--adapters"], ["-o", "--output"]);
        if (cl.Positionals.Count != 1) throw new UsageException("expected one input file");
        string input = cl.Positionals[0];
        var bytes = ModuleInput.ReadFile(input);
        if (ComponentInput.Detect(bytes) is var kind and not ComponentInput.Kind.NotComponent)
        {
            var (component, error) = ComponentInput.TryLoad(bytes, kind, validate: !cl.Has("--no-validate"));
            if (component is null) throw new CliException($"{input}: {error}");
            string printed = cl.Has("--adapters") ? PrintAdapters(component) : Kiln.Component.Text.Printing.ComponentPrinter.Print(component);
            OutputFile.Write(cl.Value("-o") ?? cl.Value("--output") ?? "-", System.Text.Encoding.UTF8.GetBytes(printed));
            return ExitCodes.Success;
        }
        if (cl.Has("--adapters")) throw new UsageException("--adapters takes a component");
        var loaded = cl.Has("--no-validate") ? ModuleInput.TryLoad(bytes) : ModuleInput.TryLoadAndValidate(bytes);
        if (loaded.Module is null) throw new CliException($"{input}: {loaded.Error}");
        string text = WatPrinter.Print(loaded.Module, new WatPrinterOptions { ShowOffsets = cl.Has("--offsets") });
        string output = cl.Value("-o") ?? cl.Value("--output") ?? "-";
        OutputFile.Write(output, System.Text.Encoding.UTF8.GetBytes(text));
        return ExitCodes.Success;
    }

    /// <summary>The generated adapter modules of a component as text, each after a comment naming its pair.</summary>
    private static string PrintAdapters(Kiln.Component.Model.WasmComponent component)
    {
        var plan = Kiln.Compiler.Component.ComponentTranslator.Translate(component, Kiln.Component.Validation.ComponentValidator.ValidateDetailed(component));
        var text = new System.Text.StringBuilder();
        foreach (var group in Kiln.Compiler.Component.Adapters.AdapterPartition.Of(plan))
        {
            var adapter = Kiln.Compiler.Component.Adapters.AdapterCompiler.Compile(group, plan.Types);
            var im = (Kiln.Compiler.Component.InstantiateModule)plan.Initializers[group.Initializer];
            text.Append(";; adapter module imported by an instantiation of core module ").Append(im.Module).Append('\n');
            for (int i = 0; i < group.Adapters.Count; i++)
                text.Append(";;   ").Append(Kiln.Compiler.Component.Adapters.AdapterModule.Export(i)).Append(": ").Append(adapter.Descriptions[i]).Append('\n');
            text.Append(WatPrinter.Print(adapter.Module, new WatPrinterOptions()));
        }
        if (text.Length == 0) text.Append(";; no fused adapters: no component instance lowers a function another one lifts\n");
        return text.ToString();
    }
}
