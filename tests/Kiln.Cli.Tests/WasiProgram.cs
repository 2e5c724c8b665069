using System.Text.RegularExpressions;

namespace Kiln.Cli.Tests;

/// <summary>
/// One of the C programs in tests/wasi and how its README says to run it: argv [name, "alpha", "beta gamma"],
/// environment exactly KILN_TEST=hello KILN_OTHER=x, an empty directory preopened as /sandbox (with the
/// symlinks of name.links), stdin name.stdin (or empty); stdout must equal name.expected and the exit code
/// the source's "// expected-exit: N" (0 without one).
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
            return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
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

    /// <summary>The symlinks (name, target) to create in the sandbox before the program starts.</summary>
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
            var names = Directory.GetFiles(RepoPaths.WasiPrograms, "*.c").Select(p => Path.GetFileNameWithoutExtension(p)).ToList();
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

    /// <summary>
    /// Runs <paramref name="file"/> (this program's .wasm or an artifact of it) as the conventions say, in a fresh
    /// temporary directory whose sandbox subdirectory is the preopen; checks that nothing beside the sandbox
    /// changed. Returns the result and the sandbox's path (alive until <paramref name="root"/> is disposed).
    /// </summary>
    public KilnResult Run(TempDirectory root, string file, out string sandbox)
    {
        sandbox = PrepareSandbox(root);
        var before = HostTree.Snapshot(root.Path, exclude: "sandbox");
        var result = KilnProcess.Run(
            ["run", "--env", "KILN_TEST=hello", "--env", "KILN_OTHER=x", "--dir", $"{sandbox}::/sandbox", file, "alpha", "beta gamma"],
            stdin: Stdin);
        var after = HostTree.Snapshot(root.Path, exclude: "sandbox");
        Assert.Equal(before, after);
        return result;
    }

    /// <summary>Makes <paramref name="root"/>'s sandbox subdirectory with this program's links, and the canaries
    /// beside it; returns the sandbox's path.</summary>
    public string PrepareSandbox(TempDirectory root)
    {
        string sandbox = root.Combine("sandbox");
        Directory.CreateDirectory(sandbox);
        foreach (var (link, target) in Links) File.CreateSymbolicLink(Path.Combine(sandbox, link), target);
        HostTree.PlantCanaries(root.Path);
        return sandbox;
    }

    public override string ToString() => Name;

    [GeneratedRegex(@"expected-exit:\s*(\d+)")]
    private static partial Regex ExpectedExitPattern();
}
