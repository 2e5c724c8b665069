namespace Kiln.Cli;

public static class OutputFile
{
    /// <summary>Writes <paramref name="bytes"/> to a path, or to standard output for "-".</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        if (path == "-")
        {
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(bytes);
            return;
        }
        try
        {
            File.WriteAllBytes(path, bytes.ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write '{path}': {e.Message}");
        }
    }
}
