using Kiln.Compiler.Driver;
using Kiln.Runtime;
using RuntimeModule = Kiln.Runtime.Module;

namespace Kiln.Cli.Commands;

public sealed class RunCommand : ICommand
{
    public string Name => "run";
    public string Summary => "compile a module and call an exported function";
    public string Help => """
        usage: kiln run [options] FILE [ARGS...]
               kiln run --invoke NAME FILE [ARGS...]

        Compiles the module (.wasm or .wat), instantiates it (running its start function) and, with
        --invoke, calls the exported function NAME with ARGS parsed by its parameter types in the text
        format's spelling (42, -7, 0x2a, 1.5, -inf, nan:0x400000). Each result is printed on its own
        line in the spec's text form. A trap prints its message on stderr and exits with status 1.
        Imports are not provided: a module with imports is refused as unlinkable.

        options:
          --invoke NAME   the exported function to call
          --threads N     compile with N threads (default: one per processor)
          -h, --help      show this help

        Arguments that start with '-' but are not numbers go after '--'.

        """;

    public int Run(IReadOnlyList<string> args)
    {
        var cl = new CommandLine(args, [], ["--invoke", "--threads"]);
        if (cl.Positionals.Count == 0) throw new UsageException("no input file");
        string path = cl.Positionals[0];
        var rawArgs = cl.Positionals.Skip(1).Concat(cl.Rest).ToList();
        string? invoke = cl.Value("--invoke");
        if (invoke is null && rawArgs.Count > 0) throw new UsageException("arguments need --invoke NAME");
        int threads = cl.IntValue("--threads", 0, 0, 1024);

        var module = ModuleInput.LoadValid(path);
        var engine = new Engine(new EngineConfig { CompilationThreads = threads > 0 ? threads : Environment.ProcessorCount });
        RuntimeModule compiled;
        try
        {
            compiled = RuntimeModule.Compile(engine, module);
        }
        catch (SimdNotSupportedException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
        using var store = new Store(engine);
        Instance instance;
        try
        {
            instance = new Linker(engine).Instantiate(store, compiled);
        }
        catch (LinkException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
        catch (Trap t)
        {
            Console.Error.WriteLine($"kiln run: trap: {t.Message}");
            return ExitCodes.Failure;
        }
        if (invoke is null) return ExitCodes.Success;

        if (instance.GetExport(invoke) is not Func func)
            throw new CliException($"{path}: no exported function \"{invoke}\"");
        var type = func.Type;
        if (rawArgs.Count != type.Params.Length)
            throw new UsageException($"\"{invoke}\" takes {type.Params.Length} argument(s) ({type}), {rawArgs.Count} given");
        var values = new Value[rawArgs.Count];
        for (int i = 0; i < values.Length; i++) values[i] = RunArguments.Parse(rawArgs[i], type.Params[i], i);
        Value[] results;
        try
        {
            results = func.Call(values);
        }
        catch (Trap t)
        {
            Console.Error.WriteLine($"kiln run: trap: {t.Message}");
            return ExitCodes.Failure;
        }
        foreach (var r in results) Console.Out.WriteLine(RunArguments.Format(r));
        return ExitCodes.Success;
    }
}
