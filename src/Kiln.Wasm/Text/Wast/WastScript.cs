namespace Kiln.Wasm.Text.Wast;

/// <summary>A parsed .wast script: its commands in order.</summary>
public sealed class WastScript(string fileName, IReadOnlyList<WastCommand> commands)
{
    public string FileName { get; } = fileName;
    public IReadOnlyList<WastCommand> Commands { get; } = commands;
}
