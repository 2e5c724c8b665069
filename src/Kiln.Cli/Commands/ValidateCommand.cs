namespace Kiln.Cli.Commands;

public sealed class ValidateCommand : ICommand
{
    public string Name => "validate";
    public string Summary => "decode and validate modules and components (.wasm or .wat)";
    public string Help => """
        usage: kiln validate [options] FILE...

        Decodes (or parses, for the text format) and validates each core module or component. Errors name the
        file, the byte offset or line, and the function where validation failed. Prints nothing for
        a valid module unless --verbose is given. Exit status 1 when any module is rejected.

        options:
          -v, --verbose   say so for every valid module, with its size in functions and bytes
          -h, --help      show this help

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, ["-v", "--verbose"], []);
        if (cl.Positionals.Count == 0) throw new UsageException("no input file");
        bool verbose = cl.Has("-v") || cl.Has("--verbose");
        int failures = 0;
        foreach (var path in cl.Positionals)
        {
            var bytes = ModuleInput.ReadFile(path);
            if (ComponentInput.Detect(bytes) is var kind and not ComponentInput.Kind.NotComponent)
            {
                var (_, error) = ComponentInput.TryLoad(bytes, kind, validate: true);
                if (error is not null)
                {
                    Console.Error.WriteLine($"{path}: {error}");
                    failures++;
                }
                else if (verbose) Console.Out.WriteLine($"{path}: valid component ({bytes.Length} bytes)");
                continue;
            }
            var result = ModuleInput.TryLoadAndValidate(bytes);
            if (result.Error is not null)
            {
                Console.Error.WriteLine($"{path}: {result.Error}");
                failures++;
            }
            else if (verbose)
            {
                Console.Out.WriteLine($"{path}: valid ({result.Module!.TotalFunctionCount} functions, {result.Size} bytes)");
            }
        }
        return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
