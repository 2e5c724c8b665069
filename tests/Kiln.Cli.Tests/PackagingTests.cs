using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Kiln.Cli.Tests;

/// <summary>
/// Kiln as a user installs it (issue 16): the packed Kiln.Runtime in a fresh console project outside the repository,
/// running the README's embedding guide; the packed kiln tool on PATH; the ./kiln launcher through a symlink.
/// Slow (pack, restore, build): minutes on a loaded machine.
/// </summary>
public sealed class PackagingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private sealed record Output(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    private static Output Run(string file, IEnumerable<string> args, string directory, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The test host's MSBuild settings must not leak into the child builds.
        foreach (var key in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath" }) psi.Environment.Remove(key);
        if (env is not null)
        {
            foreach (var (k, v) in env) psi.Environment[k] = v;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(Timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {Timeout}");
        }
        return new Output(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The C# block of README.md between the embedding-guide markers.</summary>
    private static string EmbeddingGuide()
    {
        string readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var m = Regex.Match(readme, @"<!-- embedding-guide:begin -->\s*```csharp\n(.*?)```\s*<!-- embedding-guide:end -->", RegexOptions.Singleline);
        Assert.True(m.Success, "README.md has no embedding guide between the markers");
        return m.Groups[1].Value;
    }

    [Fact]
    public void The_packed_runtime_runs_the_readme_guide_in_a_fresh_project_and_the_tool_runs_from_PATH()
    {
        using var dir = new TempDirectory();
        string feed = dir.Combine("feed");
        // Its own package cache, so this run's packages never shadow or get shadowed by another run's of the same version.
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = dir.Combine("nuget-cache") };

        var pack = Run(Path.Combine(RepoPaths.Root, "pack.sh"), [feed, "--no-build"], RepoPaths.Root);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.True(File.Exists(Path.Combine(feed, "Kiln.Runtime.0.1.0.nupkg")), pack.ToString());

        string app = dir.Combine("app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "app.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        // The local feed beside the configured ones (Kiln.Runtime's own dependencies, Iced, come from there).
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="kiln-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), EmbeddingGuide());

        var add = Run(Dotnet(), ["add", "package", "Kiln.Runtime", "--version", "0.1.0"], app, env);
        Assert.True(add.ExitCode == 0, add.ToString());
        var build = Run(Dotnet(), ["build", "-c", "Release", "-o", Path.Combine(app, "out")], app, env);
        Assert.True(build.ExitCode == 0, build.ToString());
        var run = Run(Dotnet(), [Path.Combine(app, "out", "app.dll")], app, env);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("hello from wasm\n42\nstopped: all fuel consumed by WebAssembly\n", run.Stdout);

        string tools = dir.Combine("tools");
        var install = Run(Dotnet(), ["tool", "install", "kiln", "--version", "0.1.0", "--tool-path", tools, "--add-source", feed], app, env);
        Assert.True(install.ExitCode == 0, install.ToString());
        var path = new Dictionary<string, string>(env) { ["PATH"] = $"{tools}:{Environment.GetEnvironmentVariable("PATH")}" };
        var version = Run("/bin/sh", ["-c", "kiln --version"], dir.Path, path);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal("kiln 0.1.0\n", version.Stdout);
        // On x86-64 the tool is the Native AOT executable (package kiln.linux-x64): no kiln.dll beside it for dotnet to JIT.
        if (System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            var command = new FileInfo(Path.Combine(tools, "kiln"));
            string exe = command.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? command.FullName;
            Assert.Contains("kiln.linux-x64", exe);
            Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(exe)!, "kiln.dll")), $"{exe} is a framework-dependent kiln");
        }
    }

    [Fact]
    public void The_launcher_works_through_a_symlink_and_leaves_no_folder_where_it_is_run()
    {
        using var dir = new TempDirectory();
        string bin = dir.Combine("bin");
        string elsewhere = dir.Combine("elsewhere");
        Directory.CreateDirectory(bin);
        Directory.CreateDirectory(elsewhere);
        File.CreateSymbolicLink(Path.Combine(bin, "kiln"), Path.Combine(RepoPaths.Root, "kiln"));
        var env = new Dictionary<string, string> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" };
        var result = Run("/bin/sh", ["-c", "kiln --version"], elsewhere, env);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("kiln ", result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        Assert.Equal([Path.Combine(bin, "kiln")], Directory.GetFileSystemEntries(bin));
    }
}
