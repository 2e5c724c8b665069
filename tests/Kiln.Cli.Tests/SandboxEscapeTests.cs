namespace Kiln.Cli.Tests;

/// <summary>
/// tests/wasi/escape.c tries every way out of its preopen: each attempt must fail with the right errno
/// (escape.expected), and the host files beside the sandbox must be untouched (checked by <see cref="WasiProgram.Run"/>).
/// </summary>
public sealed class SandboxEscapeTests
{
    [Fact]
    public void Every_escape_fails_and_nothing_outside_the_preopen_changes()
    {
        var program = WasiProgram.Get("escape");
        using var root = new TempDirectory();
        var result = program.Run(root, program.WasmPath, out string sandbox);
        Assert.True(result.ExitCode == 0, result.ToString());

        var lines = result.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = File.ReadAllLines(Path.Combine(RepoPaths.WasiPrograms, "escape.expected"));
        Assert.Equal(expected, lines);
        // Independent of the expected file: no attempt that names an escape opened or succeeded.
        foreach (var line in lines)
        {
            bool allowed = line.StartsWith("symlink f -> /sandbox/ok", StringComparison.Ordinal) || line.StartsWith("open /sandbox/ok ", StringComparison.Ordinal)
                || line.StartsWith("lstat ", StringComparison.Ordinal) || line.StartsWith("readlink ", StringComparison.Ordinal);
            if (!allowed) Assert.Matches(@"errno (76|32)$", line);
        }

        // Inside: what the program made, the planted links, and f still there with its content (no rename left).
        var inside = Directory.GetFileSystemEntries(sandbox).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();
        var planted = program.Links.Select(l => l.Name);
        Assert.Equal([.. planted.Concat(["a", "f", "ok"]).Order(StringComparer.Ordinal)], inside);
        Assert.Equal("inside\n", File.ReadAllText(Path.Combine(sandbox, "f")));
        Assert.Equal("outside the sandbox\n", File.ReadAllText(root.Combine("x")));
        Assert.False(File.Exists(root.Combine("created")), "an escaping O_CREAT through the dangling link created a host file");
    }
}
