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
        new ComponentCommand(),
        new SettingsCommand(),
    ];

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            if (args.Length > 1) return HelpFor(args[1]);
            Console.Out.Write(Overview());
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }
        if (args[0] is "--version" or "-V" or "version")
        {
            Console.Out.WriteLine($"kiln {KilnVersion.Text}");
            return ExitCodes.Success;
        }

        // As wasmtime: 'kiln FILE ARGS' and 'kiln -W fuel=N FILE' mean 'kiln run ...'.
        var command = Find(args[0]);
        var rest = args.AsSpan(1).ToArray();
        if (command is null)
        {
            if (!LooksLikeRun(args[0]))
            {
                Console.Error.WriteLine($"kiln: unknown command '{args[0]}'");
                Console.Error.WriteLine(UsageLine);
                Console.Error.WriteLine("try 'kiln --help' for the list of commands");
                return ExitCodes.Usage;
            }
            command = Find("run")!;
            rest = args;
        }
        try
        {
            return command.Run(rest);
        }
        catch (HelpRequestedException)
        {
            Console.Out.Write(command.Help);
            return ExitCodes.Success;
        }
        catch (UsageException e)
        {
            // The error, the command's usage line and where the rest is: not the whole help.
            Console.Error.WriteLine($"kiln {command.Name}: {e.Message}");
            Console.Error.WriteLine(FirstLine(command.Help));
            Console.Error.WriteLine($"try 'kiln {command.Name} --help' for more information");
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

    private const string UsageLine = "usage: kiln <command> [options] [arguments], or kiln [run options] FILE [ARGS...]";

    /// <summary>A first word that is no command is a file to run when it is an option (-W, --dir, ...), an existing
    /// file, or spelled like a path; a bare unknown word ('kiln rnu x.wasm') stays an unknown command.</summary>
    private static bool LooksLikeRun(string first) =>
        first.StartsWith('-') || File.Exists(first) || Directory.Exists(first)
        || first.Contains('/') || first.Contains('.');

    private static string FirstLine(string text)
    {
        int nl = text.IndexOf('\n');
        return (nl < 0 ? text : text[..nl]).TrimEnd();
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
        sb.AppendLine(UsageLine);
        sb.AppendLine();
        sb.AppendLine("commands:");
        foreach (var c in Commands) sb.AppendLine($"  {c.Name,-10} {c.Summary}");
        sb.AppendLine();
        sb.AppendLine("Run 'kiln help <command>' or 'kiln <command> --help' for a command's options.");
        sb.AppendLine("'kiln FILE [ARGS...]' is 'kiln run FILE [ARGS...]'; -V or --version prints the version.");
        return sb.ToString();
    }
}

/// <summary>A failure to report as one line on stderr with exit status 1 (unreadable file, bad module, …).</summary>
public sealed class CliException(string message) : Exception(message);
