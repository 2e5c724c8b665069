using Kiln.Component.Binary;
using Kiln.Component.Validation;
using Kiln.Component.Wit;
using Kiln.Component.Wit.Decoding;
using Kiln.Component.Wit.Encoding;
using Kiln.Component.Wit.Model;
using Kiln.Component.Wit.Printing;
using Kiln.Component.Wit.Resolution;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln component SUBCOMMAND</c>: tools for components (today <c>wit</c>).</summary>
public sealed class ComponentCommand : ICommand
{
    public string Name => "component";
    public string Summary => "component tools: print or encode WIT (component wit)";
    public string Help => """
        usage: kiln component wit [options] INPUT

        Prints the WIT of INPUT: a directory (a WIT package, foreign packages in its deps/ folder), a .wit
        file, a component (binary or text) or a WIT package encoded as a component. WIT input is parsed,
        resolved and printed back normalized; a component's type is printed as the world `root` of package
        `root:component` (as jco wit and wasm-tools component wit do); an encoded package prints its
        interfaces and worlds. Other packages follow as nested `package ... { }` blocks.

        options:
          --wasm                 write the package encoded as a component (binary) instead of WIT text
          --world NAME           with --wasm: encode only this world, as the `component-type` custom section of
                                 a core module carries it (wit-component's metadata form)
          -o, --output PATH      where to write (default: standard output)
          --features A,B         enable these @unstable features (WIT input)
          --all-features         enable every @unstable feature (WIT input)
          --no-docs              leave doc comments out
          --main-only            print only the main package (as jco wit does)
          -h, --help             show this help

        """;

    public int Run(IReadOnlyList<string> args)
    {
        if (args.Count == 0) throw new UsageException("expected a subcommand: wit");
        return args[0] switch
        {
            "wit" => Wit(args.Skip(1).ToList()),
            "-h" or "--help" => throw new HelpRequestedException(),
            _ => throw new UsageException($"unknown subcommand '{args[0]}' (expected: wit)"),
        };
    }

    private static int Wit(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, ["--wasm", "--all-features", "--no-docs", "--main-only"], ["-o", "--output", "--features", "--world"]);
        if (cl.Positionals.Count != 1) throw new UsageException("expected one input (a directory, a .wit file or a component)");
        string input = cl.Positionals[0];
        var features = new WitFeatures { All = cl.Has("--all-features") };
        foreach (var f in (cl.Value("--features") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            features.Enabled.Add(f);
        string output = cl.Value("-o") ?? cl.Value("--output") ?? "-";
        WitResolve resolve;
        try
        {
            resolve = Directory.Exists(input) || input.EndsWith(".wit", StringComparison.Ordinal)
                ? WitPackageLoader.Load(input, features)
                : DecodeComponent(input);
        }
        catch (WitException e)
        {
            throw new CliException(e.Location is null ? $"{input}: {e.Message}" : e.Message);
        }
        if (cl.Has("--wasm"))
        {
            var bytes = cl.Value("--world") is { } world
                ? Kiln.Component.Binary.ComponentEncoder.Encode(WitEncoder.EncodeWorldPackage(SelectWorld(resolve, world)))
                : WitEncoder.EncodePackageBinary(resolve);
            OutputFile.Write(output, bytes);
            return ExitCodes.Success;
        }
        string text = WitPrinter.Print(resolve, cl.Has("--main-only") ? [] : null, emitDocs: !cl.Has("--no-docs"));
        OutputFile.Write(output, System.Text.Encoding.UTF8.GetBytes(text));
        return ExitCodes.Success;
    }

    private static WitWorld SelectWorld(WitResolve resolve, string name)
    {
        try
        {
            return resolve.SelectWorld(name);
        }
        catch (WitException e)
        {
            throw new CliException(e.Message);
        }
    }

    private static WitResolve DecodeComponent(string input)
    {
        var bytes = ModuleInput.ReadFile(input);
        var kind = ComponentInput.Detect(bytes);
        if (kind == ComponentInput.Kind.NotComponent)
            throw new CliException($"{input}: not a component, a WIT package directory or a .wit file");
        var (component, error) = ComponentInput.TryLoad(bytes, kind, validate: false);
        if (component is null) throw new CliException($"{input}: {error}");
        try
        {
            return WitDecoder.Decode(component);
        }
        catch (ComponentValidationException e)
        {
            throw new CliException($"{input}: {e.Message}");
        }
    }
}
