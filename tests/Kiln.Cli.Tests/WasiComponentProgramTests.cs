using System.Security.Cryptography;

namespace Kiln.Cli.Tests;

/// <summary>
/// Every tests/wasi program as a WASI 0.2 command component (jco's preview1 command adapter around the core
/// module, <see cref="JcoComponents"/>) through <c>kiln run</c>: the same stdout, exit status and files left in the
/// sandbox as the core module under Kiln's preview1 host, and the same stdout and status as Wasmtime's own 0.2
/// host gives the same component. Host files around the sandbox stay untouched (<see cref="WasiProgram.Run"/>).
/// Where jco's adapter reports a result differently from the preview1 host, <c>NAME.component.expected</c> holds
/// the output through the adapter (tests/wasi/README.md says why, line by line); Wasmtime gives the same.
/// </summary>
public sealed class WasiComponentProgramTests
{
    public static TheoryData<string> Programs => [.. WasiProgram.Names];

    [Theory]
    [MemberData(nameof(Programs))]
    public void Runs_as_a_component_as_its_core_module_does(string name)
    {
        var program = WasiProgram.Get(name);
        string component = JcoComponents.Get(program);
        using var coreRoot = new TempDirectory();
        var core = program.Run(coreRoot, program.WasmPath, out string coreSandbox);
        using var root = new TempDirectory();
        var result = program.Run(root, component, out string sandbox);

        Assert.True(result.ExitCode == ExpectedExit(program), $"{name}: expected exit {ExpectedExit(program)}, got {result}");
        Assert.Equal(System.Text.Encoding.UTF8.GetString(ExpectedStdout(program)), result.StdoutText);
        Assert.Equal(Contents(coreSandbox), Contents(sandbox));
        Assert.True(core.ExitCode == program.ExpectedExit, core.ToString());
        if (name == "escape")
        {
            // Independent of the expected file: no attempt that names an escape opened or succeeded.
            foreach (var line in result.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                bool allowed = line.StartsWith("symlink f -> /sandbox/ok", StringComparison.Ordinal) || line.StartsWith("open /sandbox/ok ", StringComparison.Ordinal)
                    || line.StartsWith("lstat ", StringComparison.Ordinal) || line.StartsWith("readlink ", StringComparison.Ordinal);
                if (!allowed) Assert.Matches(@"errno (63|76|32)$", line);
            }
        }
    }

    /// <summary>The whole path in Kiln: <c>kiln component new --wasi-command</c> (Kiln's own preview1 adapter) then
    /// <c>kiln run</c>. The output is the core program's expected output (Kiln's adapter reports every errno the
    /// preview1 host does, but wasi:filesystem has no ENOTCAPABLE: escape attempts the host refuses fail as EPERM,
    /// checked line by line), the files left in the sandbox are the core run's, and a non-zero status is 1 (WASI 0.2.0's exit).</summary>
    [Theory]
    [MemberData(nameof(Programs))]
    public void Runs_as_Kilns_own_component_as_its_core_module_does(string name)
    {
        var program = WasiProgram.Get(name);
        using var build = new TempDirectory();
        string component = build.Combine(name + ".component.wasm");
        var made = KilnProcess.Run(["component", "new", program.WasmPath, "--wasi-command", "-o", component]);
        Assert.True(made.ExitCode == 0, $"kiln component new {name}: {made}");
        using var coreRoot = new TempDirectory();
        var core = program.Run(coreRoot, program.WasmPath, out string coreSandbox);
        using var root = new TempDirectory();
        var result = program.Run(root, component, out string sandbox);

        Assert.True(core.ExitCode == program.ExpectedExit, core.ToString());
        Assert.True(result.ExitCode == ExpectedExit(program), $"{name}: expected exit {ExpectedExit(program)}, got {result}");
        Assert.Equal(Contents(coreSandbox), Contents(sandbox));
        if (name != "escape")
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetString(program.ExpectedStdout), result.StdoutText);
            return;
        }
        var expected = System.Text.Encoding.UTF8.GetString(program.ExpectedStdout).Split('\n');
        var actual = result.StdoutText.Split('\n');
        Assert.Equal(expected.Length, actual.Length);
        // An escape the adapter refuses itself (an absolute path, which no preopen holds) stays ENOTCAPABLE; one the
        // host refuses comes back as wasi:filesystem's not-permitted, EPERM. Either way it failed.
        for (int i = 0; i < expected.Length; i++)
            Assert.True(actual[i] == expected[i] || actual[i] == expected[i].Replace("errno 76", "errno 63", StringComparison.Ordinal),
                $"escape line {i + 1}: expected \"{expected[i]}\" (or EPERM for ENOTCAPABLE), got \"{actual[i]}\"");
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Kiln_and_Wasmtime_run_the_component_alike(string name)
    {
        var program = WasiProgram.Get(name);
        string component = JcoComponents.Get(program);
        using var root = new TempDirectory();
        var kiln = program.Run(root, component, out string sandbox);
        using var wasmtimeRoot = new TempDirectory();
        string wasmtimeSandbox = program.PrepareSandbox(wasmtimeRoot);
        // Bounded: a run that never returns fails the test instead of stalling the whole suite.
        (int Exit, byte[] Stdout) outcome = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { outcome = WasmtimeCommand.Run(program, component, wasmtimeSandbox); }
            catch (Exception e) { failure = e; }
        }) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(90)), $"{name}: Wasmtime's wasip2 run did not finish in 90 s");
        if (failure is not null) throw new InvalidOperationException($"{name}: Wasmtime's wasip2 run failed", failure);
        var (exit, stdout) = (outcome.Exit, outcome.Stdout ?? []);

        Assert.True(kiln.ExitCode == exit, $"{name}: Wasmtime exits {exit}, kiln {kiln}");
        Assert.Equal(Comparable(name, System.Text.Encoding.UTF8.GetString(stdout)), Comparable(name, kiln.StdoutText));
        Assert.Equal(Contents(wasmtimeSandbox), Contents(sandbox));
    }

    /// <summary>Where Kiln's 0.2 host answers differently from Wasmtime's on purpose: (program, line start, why).</summary>
    private static readonly (string Program, string Line, string Why)[] KnownDifferences =
    [
        ("escape", "readlink /sandbox/abs ", "Wasmtime (cap-std) refuses to read a symlink whose target is absolute; Kiln reads "
            + "the text, as its preview1 host does (reading a link's target is not following it)"),
    ];

    /// <summary>The output with the lines of <see cref="KnownDifferences"/> cut to their start (each must be there).</summary>
    private static List<string> Comparable(string program, string stdout)
    {
        var lines = stdout.Split('\n').ToList();
        foreach (var (p, start, _) in KnownDifferences)
        {
            if (p != program) continue;
            int at = lines.FindIndex(l => l.StartsWith(start, StringComparison.Ordinal));
            Assert.True(at >= 0, $"{program}: no line starting \"{start}\"");
            lines[at] = start;
        }
        return lines;
    }

    /// <summary>
    /// The status through the adapter: jco's adapter turns proc_exit(N) into wasi:cli/exit's <c>exit(ok)</c> for 0 and
    /// <c>exit(err)</c> otherwise (it imports no <c>exit-with-code</c>), which is status 1, as under Wasmtime.
    /// </summary>
    private static int ExpectedExit(WasiProgram program) => program.ExpectedExit == 0 ? 0 : 1;

    /// <summary>The output through the adapter: <c>NAME.component.expected</c> where the adapter reports something
    /// differently, else the core program's.</summary>
    private static byte[] ExpectedStdout(WasiProgram program)
    {
        string path = Path.Combine(RepoPaths.WasiPrograms, program.Name + ".component.expected");
        return File.Exists(path) ? File.ReadAllBytes(path) : program.ExpectedStdout;
    }

    /// <summary>What a run left in its sandbox: each entry's path, kind, content hash or link target (no times).</summary>
    private static List<string> Contents(string sandbox)
    {
        var lines = new List<string>();
        // Links are listed, never followed: escape.links plants `to_root -> /` (following it would walk, and hash, the
        // whole host file system, /proc included, and hang the test run).
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(sandbox)]);
        while (pending.TryPop(out var dir))
        {
            foreach (var entry in dir.EnumerateFileSystemInfos())
            {
                string rel = Path.GetRelativePath(sandbox, entry.FullName);
                if (entry.LinkTarget is { } target) lines.Add($"{rel} -> {target}");
                else if (entry is FileInfo f) lines.Add($"{rel} file {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.FullName)))}");
                else { lines.Add($"{rel} dir"); pending.Push((DirectoryInfo)entry); }
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
