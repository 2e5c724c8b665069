using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Kiln.Adapters.Tests;

/// <summary>
/// One of the C programs in tests/wasi and how its README says to run it: argv [name, "alpha", "beta gamma"],
/// environment exactly KILN_TEST=hello KILN_OTHER=x, an empty directory preopened as /sandbox (with the symlinks
/// of name.links), stdin name.stdin (or empty); stdout must equal name.expected, the exit code the source's
/// "// expected-exit: N" (0 without one).
/// </summary>
public sealed partial class WasiProgram
{
    private WasiProgram(string name) => Name = name;

    public string Name { get; }

    public string WasmPath => Path.Combine(RepoPaths.WasiPrograms, Name + ".wasm");

    public byte[] ExpectedStdout => File.ReadAllBytes(Path.Combine(RepoPaths.WasiPrograms, Name + ".expected"));

    public int ExpectedExit
    {
        get
        {
            var m = ExpectedExitPattern().Match(File.ReadAllText(Path.Combine(RepoPaths.WasiPrograms, Name + ".c")));
            return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        }
    }

    public byte[] Stdin
    {
        get
        {
            string path = Path.Combine(RepoPaths.WasiPrograms, Name + ".stdin");
            return File.Exists(path) ? File.ReadAllBytes(path) : [];
        }
    }

    public IReadOnlyList<(string Name, string Target)> Links
    {
        get
        {
            string path = Path.Combine(RepoPaths.WasiPrograms, Name + ".links");
            if (!File.Exists(path)) return [];
            var links = new List<(string, string)>();
            foreach (var line in File.ReadAllLines(path))
            {
                int arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
                if (arrow > 0) links.Add((line[..arrow], line[(arrow + 4)..]));
            }
            return links;
        }
    }

    /// <summary>Every tests/wasi/*.c, by name.</summary>
    public static IEnumerable<string> Names
    {
        get
        {
            var names = new List<string>();
            foreach (var p in Directory.GetFiles(RepoPaths.WasiPrograms, "*.c")) names.Add(Path.GetFileNameWithoutExtension(p));
            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }

    public static WasiProgram Get(string name)
    {
        var program = new WasiProgram(name);
        // A missing build output is a failure, never a skip: ./test.sh builds them, so missing means broken.
        Assert.True(File.Exists(program.WasmPath),
            $"{program.WasmPath} is missing: build the test programs with tests/wasi/build.sh (./test.sh does)");
        return program;
    }

    /// <summary>Files and a directory beside the sandbox, named as the escape attempts' targets.</summary>
    public static void PlantCanaries(string root)
    {
        File.WriteAllText(Path.Combine(root, "x"), "outside the sandbox\n");
        File.WriteAllText(Path.Combine(root, "f"), "outside f\n");
        Directory.CreateDirectory(Path.Combine(root, "outside-dir"));
        File.WriteAllText(Path.Combine(root, "outside-dir", "secret"), "secret\n");
    }

    /// <summary>One line per entry under <paramref name="root"/> but the sandbox (kind, size, content hash, link
    /// target, modification time), sorted: equal before and after a run when nothing outside was touched.</summary>
    public static List<string> SnapshotOutside(string root)
    {
        var lines = new List<string>();
        Walk(new DirectoryInfo(root), root, lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static void Walk(DirectoryInfo dir, string root, List<string> lines)
    {
        foreach (var entry in dir.EnumerateFileSystemInfos())
        {
            string rel = Path.GetRelativePath(root, entry.FullName);
            if (rel == "sandbox") continue;
            long ticks = entry.LastWriteTimeUtc.Ticks;
            if (entry.LinkTarget is { } target) lines.Add($"{rel} -> {target}");
            else if (entry is FileInfo file)
                lines.Add($"{rel} file {file.Length} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName)))} {ticks}");
            else lines.Add($"{rel} dir {ticks}");
            if (entry is DirectoryInfo sub && entry.LinkTarget is null) Walk(sub, root, lines);
        }
    }

    public override string ToString() => Name;

    [GeneratedRegex(@"expected-exit:\s*(\d+)")]
    private static partial Regex ExpectedExitPattern();
}
