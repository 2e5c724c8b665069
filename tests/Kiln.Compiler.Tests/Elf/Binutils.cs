using System.Diagnostics;

namespace Kiln.Compiler.Tests.Elf;

/// <summary>Runs binutils on a file written by the tests. A missing tool is a failure that says how to install it, never a skip.</summary>
internal static class Binutils
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string tool, string aptPackage, params string[] arguments)
    {
        string path = Find(tool) ?? throw new Xunit.Sdk.XunitException(
            $"{tool} is not on PATH; the ELF artifact tests need it. Install it with: apt-get install {aptPackage}");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new Xunit.Sdk.XunitException($"{tool} {string.Join(' ', arguments)} did not finish in 60 s");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Writes the bytes to a fresh temporary file, deleted again on dispose.</summary>
    public static TempFile WriteTemp(byte[] bytes, string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), "kiln-elf-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return new TempFile(path);
    }

    public sealed record TempFile(string Path) : IDisposable
    {
        public void Dispose() => Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }

    private static string? Find(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
