using Kiln.Cli.Commands;

namespace Kiln.Cli;

public static class Program
{
    /// <summary>Every command, in the order <c>kiln help</c> lists them.</summary>
    private static readonly ICommand[] Commands =
    [
        new WastCommand(),
        new RunCommand(),
        new BenchCommand(),
        new CompileCommand(),
        new ObjdumpCommand(),
        new VerifyCommand(),
        new ValidateCommand(),
        new Wat2WasmCommand(),
        new Wasm2WatCommand(),
    ];

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            if (args.Length > 1) return HelpFor(args[1]);
            Console.Out.Write(Overview());
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }
        if (args[0] is "--version" or "version")
        {
            Console.Out.WriteLine($"kiln {KilnVersion.Text}");
            return ExitCodes.Success;
        }

        var command = Find(args[0]);
        if (command is null)
        {
            Console.Error.WriteLine($"kiln: unknown command '{args[0]}'. Run 'kiln help' for the list.");
            return ExitCodes.Usage;
        }
        var rest = args.AsSpan(1).ToArray();
        if (rest.Length > 0 && rest[0] is "-h" or "--help")
        {
            Console.Out.Write(command.Help);
            return ExitCodes.Success;
        }
        try
        {
            return command.Run(rest);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"kiln {command.Name}: {e.Message}");
            Console.Error.Write(command.Help);
            return ExitCodes.Usage;
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"kiln {command.Name}: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in Kiln, not in the input: say so in one line (the stack trace with KILN_DEBUG=1).
            Console.Error.WriteLine($"kiln {command.Name}: internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("KILN_DEBUG") == "1") Console.Error.WriteLine(e);
            return ExitCodes.Failure;
        }
    }

    private static ICommand? Find(string name)
    {
        foreach (var c in Commands)
        {
            if (c.Name == name) return c;
        }
        return null;
    }

    private static int HelpFor(string name)
    {
        var c = Find(name);
        if (c is null)
        {
            Console.Error.WriteLine($"kiln: unknown command '{name}'");
            return ExitCodes.Usage;
        }
        Console.Out.Write(c.Help);
        return ExitCodes.Success;
    }

    private static string Overview()
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"kiln {KilnVersion.Text}: an ahead-of-time WebAssembly compiler and runtime");
        sb.AppendLine();
        sb.AppendLine("usage: kiln <command> [options] [arguments]");
        sb.AppendLine();
        sb.AppendLine("commands:");
        foreach (var c in Commands) sb.AppendLine($"  {c.Name,-10} {c.Summary}");
        sb.AppendLine();
        sb.AppendLine("Run 'kiln help <command>' or 'kiln <command> --help' for a command's options.");
        return sb.ToString();
    }
}

/// <summary>A failure to report as one line on stderr with exit status 1 (unreadable file, bad module, …).</summary>
public sealed class CliException(string message) : Exception(message);
