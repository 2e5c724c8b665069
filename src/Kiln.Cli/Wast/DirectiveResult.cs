namespace Kiln.Cli.Wast;

public enum Outcome
{
    Pass,
    Fail,
    Skip,
}

/// <summary>What happened to one directive of a script: the record `kiln wast --json` writes.</summary>
public readonly record struct DirectiveResult(string File, int Line, string Kind, Outcome Outcome, string Message);
