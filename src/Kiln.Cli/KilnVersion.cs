namespace Kiln.Cli;

public static class KilnVersion
{
    public static string Text =>
        typeof(KilnVersion).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";
}
