namespace Kiln.Cli.Tests;

/// <summary>Every tests/wasi program through <c>kiln run</c>: from its .wasm, and from an artifact of <c>kiln compile</c>.</summary>
public sealed class WasiProgramTests
{
    public static TheoryData<string> Programs => [.. WasiProgram.Names];

    [Theory]
    [MemberData(nameof(Programs))]
    public void Runs_from_the_module(string name)
    {
        var program = WasiProgram.Get(name);
        using var root = new TempDirectory();
        var result = program.Run(root, program.WasmPath, out _);
        AssertAsExpected(program, result);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Runs_from_an_artifact(string name)
    {
        var program = WasiProgram.Get(name);
        using var work = new TempDirectory();
        string artifact = work.Combine(name + ".kiln");
        var compile = KilnProcess.Run(["compile", program.WasmPath, "-o", artifact]);
        Assert.True(compile.ExitCode == 0, $"kiln compile: {compile}");
        Assert.True(File.Exists(artifact), "kiln compile wrote no artifact");
        using var root = new TempDirectory();
        var result = program.Run(root, artifact, out _);
        AssertAsExpected(program, result);
    }

    private static void AssertAsExpected(WasiProgram program, KilnResult result)
    {
        Assert.True(result.ExitCode == program.ExpectedExit, $"{program.Name}: expected exit {program.ExpectedExit}, got {result}");
        // Compared as text first for a readable diff, then byte for byte.
        Assert.Equal(System.Text.Encoding.UTF8.GetString(program.ExpectedStdout), result.StdoutText);
        Assert.Equal(program.ExpectedStdout, result.Stdout);
    }
}
