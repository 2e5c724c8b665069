using Kiln.Component.Adapters;
using Kiln.Component.Binary;
using Kiln.Component.Linking;
using Kiln.Component.Validation;
using Kiln.Component.Wit;
using Kiln.Component.Wit.Decoding;
using Kiln.Component.Wit.Encoding;
using Kiln.Component.Wit.Model;
using Kiln.Component.Wit.Printing;
using Kiln.Component.Wit.Resolution;

namespace Kiln.Cli.Commands;

/// <summary><c>kiln component SUBCOMMAND</c>: tools for components (<c>wit</c>, <c>embed</c>, <c>new</c>).</summary>
public sealed class ComponentCommand : ICommand
{
    public string Name => "component";
    public string Summary => "component tools: print or encode WIT (component wit), embed a world, build a component (component embed/new)";
    public string Help => """
        usage: kiln component wit [options] INPUT
               kiln component embed WIT CORE.wasm [--world W] -o OUT.wasm
               kiln component new CORE.wasm [--adapt NAME=ADAPTER.wasm]... [--wasi-command|--wasi-reactor] -o OUT.wasm

        embed: puts world W of the WIT package WIT (directory or .wit file) into CORE (binary or text) as its
        `component-type` custom section, as wasm-tools' `component embed` does.
        new: builds a component from CORE and the worlds its `component-type` sections carry; each --adapt
        module satisfies CORE's imports from module NAME (e.g. wasi_snapshot_preview1), shrunk to what CORE uses
        and given a stack of its own. --wasi-command adapts a WASI preview1 program with Kiln's own
        wasi_snapshot_preview1 adapter (command flavor: the component exports wasi:cli/run, which runs
        _start); --wasi-reactor with its reactor flavor (for libraries without _start).

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
        if (args.Count == 0) throw new UsageException("expected a subcommand: wit, embed or new");
        return args[0] switch
        {
            "wit" => Wit(args.Skip(1).ToList()),
            "embed" => Embed(args.Skip(1).ToList()),
            "new" => New(args.Skip(1).ToList()),
            "-h" or "--help" => throw new HelpRequestedException(),
            _ => throw new UsageException($"unknown subcommand '{args[0]}' (expected: wit, embed or new)"),
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

    private static int Embed(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, [], ["-o", "--output", "--world", "--features"]);
        if (cl.Positionals.Count != 2) throw new UsageException("expected a WIT path and a core module: kiln component embed WIT CORE.wasm -o OUT.wasm");
        string output = cl.Value("-o") ?? cl.Value("--output") ?? throw new UsageException("expected -o OUT.wasm");
        var features = new WitFeatures();
        foreach (var f in (cl.Value("--features") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            features.Enabled.Add(f);
        WitResolve resolve;
        try
        {
            resolve = WitPackageLoader.Load(cl.Positionals[0], features);
        }
        catch (WitException e)
        {
            throw new CliException(e.Location is null ? $"{cl.Positionals[0]}: {e.Message}" : e.Message);
        }
        var world = SelectWorld(resolve, cl.Value("--world"));
        byte[] core = CoreBinary(cl.Positionals[1]);
        try
        {
            OutputFile.Write(output, ComponentTypeMetadata.Embed(core, world));
        }
        catch (ComponentNewException e)
        {
            throw new CliException($"{cl.Positionals[1]}: {e.Message}");
        }
        return ExitCodes.Success;
    }

    private static int New(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, ["--wasi-command", "--wasi-reactor"], ["-o", "--output", "--adapt"]);
        if (cl.Positionals.Count != 1) throw new UsageException("expected one core module: kiln component new CORE.wasm [--adapt NAME=ADAPTER.wasm]... -o OUT.wasm");
        if (cl.Has("--wasi-command") && cl.Has("--wasi-reactor")) throw new UsageException("--wasi-command and --wasi-reactor exclude each other");
        string output = cl.Value("-o") ?? cl.Value("--output") ?? throw new UsageException("expected -o OUT.wasm");
        var adapters = new List<AdapterInput>();
        foreach (var spec in cl.Values("--adapt"))
        {
            int eq = spec.IndexOf('=');
            // As wasm-tools: without NAME=, the adapter's file name (without extension) names it.
            string name = eq > 0 ? spec[..eq] : Path.GetFileNameWithoutExtension(spec);
            string path = eq > 0 ? spec[(eq + 1)..] : spec;
            adapters.Add(new AdapterInput(name, CoreBinary(path)));
        }
        if (cl.Has("--wasi-command") || cl.Has("--wasi-reactor"))
        {
            if (adapters.Exists(a => a.Name == Preview1Adapters.ModuleName))
                throw new UsageException($"--adapt {Preview1Adapters.ModuleName}=... and --wasi-command/--wasi-reactor both name the preview1 adapter");
            var builtin = cl.Has("--wasi-command") ? Preview1Adapters.Command : Preview1Adapters.Reactor;
            adapters.Add(new AdapterInput(Preview1Adapters.ModuleName, builtin.ToArray()));
        }
        byte[] core = CoreBinary(cl.Positionals[0]);
        try
        {
            OutputFile.Write(output, ComponentNew.BuildBinary(core, adapters));
        }
        catch (ComponentNewException e)
        {
            throw new CliException($"{cl.Positionals[0]}: {e.Message}");
        }
        return ExitCodes.Success;
    }

    /// <summary>A core module file as a binary: text modules are parsed and encoded.</summary>
    private static byte[] CoreBinary(string path)
    {
        var bytes = ModuleInput.ReadFile(path);
        if (ModuleInput.IsBinary(bytes))
        {
            if (WasmBinary.IsComponent(bytes)) throw new CliException($"{path}: {ModuleInput.ComponentRefusal}");
            return bytes;
        }
        var loaded = ModuleInput.TryLoad(bytes);
        if (loaded.Module is null) throw new CliException($"{path}: {loaded.Error}");
        return Kiln.Wasm.Binary.ModuleEncoder.Encode(loaded.Module);
    }

    private static WitWorld SelectWorld(WitResolve resolve, string? name)
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
