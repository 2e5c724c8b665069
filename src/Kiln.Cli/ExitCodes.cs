namespace Kiln.Cli;

public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The input was rejected (malformed, invalid) or a check failed.</summary>
    public const int Failure = 1;
    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;
}
