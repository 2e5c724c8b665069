namespace Kiln.Cli;

/// <summary>
/// The operator's artifact key (<c>--key FILE</c>): the file's bytes, as they are, are the HMAC-SHA-256 key that
/// <c>kiln compile</c> seals with and <c>kiln run</c> requires. Make one with <c>head -c 32 /dev/urandom &gt; key</c>
/// and keep it where guests and whoever supplies artifacts cannot read it.
/// </summary>
public static class ArtifactKey
{
    /// <summary>Shorter keys are refused: an HMAC is only as strong as its key.</summary>
    public const int MinimumBytes = 16;

    public const string Option = "--key";

    /// <summary>The key named by <c>--key</c>, or null when the option is absent.</summary>
    public static byte[]? FromCommandLine(CommandLine cl) => cl.Value(Option) is { } path ? Read(path) : null;

    public static byte[] Read(string path)
    {
        byte[] key;
        try
        {
            key = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{Option} {path}: cannot read the key file: {e.Message}");
        }
        if (key.Length < MinimumBytes)
            throw new CliException($"{Option} {path}: the key has {key.Length} bytes, at least {MinimumBytes} are needed (e.g. head -c 32 /dev/urandom > {path})");
        return key;
    }
}
