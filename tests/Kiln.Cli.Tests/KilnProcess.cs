using System.Diagnostics;
using System.Text;

namespace Kiln.Cli.Tests;

/// <summary>What one run of the CLI produced.</summary>
public sealed record KilnResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    /// <summary>The child's process id (names its /tmp/perf-PID.map).</summary>
    public int ProcessId { get; init; }

    /// <summary>For assertion messages: the exit code and stderr, which say why a run went wrong.</summary>
    public override string ToString() => $"exit {ExitCode}; stderr:\n{Stderr}";
}

/// <summary>
/// Runs the built <c>kiln</c> (kiln.dll beside the tests) in a child process, so exit codes, stdin, stdout and
/// stderr are the real ones a user sees.
/// </summary>
public static class KilnProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static KilnResult Run(IEnumerable<string> args, byte[]? stdin = null, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(RepoPaths.KilnExecutable ?? DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (RepoPaths.KilnExecutable is null)
        {
            psi.ArgumentList.Add("exec");
            psi.ArgumentList.Add(RepoPaths.KilnDll);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        // The harness's own settings (KILN_CLI, KILN_JCO_NODE_MODULES, ...) are not the guest's business: tests count
        // the KILN_ variables a guest inherits, so only those a test passes below reach kiln.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("KILN_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(name);
        if (environment is not null)
        {
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start kiln");
        // Both outputs are drained concurrently with feeding stdin, so no pipe fills up and blocks the child.
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var outTask = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var errTask = process.StandardError.BaseStream.CopyToAsync(stderr);
        var inTask = Task.Run(() =>
        {
            try
            {
                if (stdin is not null) process.StandardInput.BaseStream.Write(stdin);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The child stopped reading (it exited or closed stdin); what it did is in its outputs.
            }
        });
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kiln {string.Join(' ', args)} did not finish within {Timeout}");
        }
        Task.WaitAll(outTask, errTask, inTask);
        return new KilnResult(process.ExitCode, stdout.ToArray(), Encoding.UTF8.GetString(stderr.ToArray())) { ProcessId = process.Id };
    }

    /// <summary>Runs <c>kiln ARGS</c> in <paramref name="workingDirectory"/> with an empty stdin.</summary>
    public static KilnResult Run(string workingDirectory, params string[] args) => Run(args, null, workingDirectory);

    /// <summary>The dotnet host running the tests (dotnet test sets DOTNET_HOST_PATH), else "dotnet" on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
