namespace Kiln.Cli.Commands;

/// <summary>One <c>kiln</c> sub-command.</summary>
public interface ICommand
{
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The full help text: usage line, description, options.</summary>
    string Help { get; }

    /// <summary>Runs the command; the result is the process exit status.</summary>
    int Run(IReadOnlyList<string> args);
}
