using System.Security.Cryptography;

namespace Kiln.Cli.Tests;

/// <summary>
/// The host files around a sandbox, to prove a guest touched nothing outside its preopen: canaries an escape
/// would read, overwrite, rename over or delete, and a snapshot (every entry's kind, size, content hash, link
/// target and modification time) to compare before and after.
/// </summary>
public static class HostTree
{
    /// <summary>Files and a directory beside the sandbox, named as the escape attempts' targets.</summary>
    public static void PlantCanaries(string root)
    {
        File.WriteAllText(Path.Combine(root, "x"), "outside the sandbox\n");
        File.WriteAllText(Path.Combine(root, "f"), "outside f\n");
        Directory.CreateDirectory(Path.Combine(root, "outside-dir"));
        File.WriteAllText(Path.Combine(root, "outside-dir", "secret"), "secret\n");
    }

    /// <summary>One line per entry under <paramref name="root"/> (except the subtree <paramref name="exclude"/>), sorted.</summary>
    public static List<string> Snapshot(string root, string exclude)
    {
        var lines = new List<string> { Describe(new DirectoryInfo(root), ".") };
        Walk(new DirectoryInfo(root), root, exclude, lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static void Walk(DirectoryInfo dir, string root, string exclude, List<string> lines)
    {
        foreach (var entry in dir.EnumerateFileSystemInfos())
        {
            string rel = Path.GetRelativePath(root, entry.FullName);
            if (rel == exclude) continue;
            lines.Add(Describe(entry, rel));
            if (entry is DirectoryInfo sub && entry.LinkTarget is null) Walk(sub, root, exclude, lines);
        }
    }

    private static string Describe(FileSystemInfo entry, string rel)
    {
        long ticks = entry.LastWriteTimeUtc.Ticks;
        if (entry.LinkTarget is { } target) return $"{rel} -> {target}";
        if (entry is FileInfo file)
        {
            string hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName)));
            return $"{rel} file {file.Length} {hash} {ticks}";
        }
        return $"{rel} dir {ticks}";
    }
}
