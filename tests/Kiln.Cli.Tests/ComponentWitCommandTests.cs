namespace Kiln.Cli.Tests;

public class ComponentWitCommandTests
{
    private const string Wit = """
        package demo:app@0.1.0;

        interface api {
          record item { name: string, count: u32 }
          list-items: func() -> list<item>;
        }

        world app {
          export api;
        }
        """;

    [Fact]
    public void WitFilePrintsNormalizedAndItsEncodingPrintsTheSame()
    {
        using var dir = new TempDirectory();
        string wit = dir.Combine("app.wit");
        File.WriteAllText(wit, Wit);
        var printed = KilnProcess.Run(["component", "wit", wit]);
        Assert.True(printed.ExitCode == 0, printed.ToString());
        Assert.StartsWith("package demo:app@0.1.0;\n\ninterface api {\n  record item {\n    name: string,\n", printed.StdoutText);
        string wasm = dir.Combine("app.wasm");
        var encoded = KilnProcess.Run(["component", "wit", "--wasm", "-o", wasm, wit]);
        Assert.True(encoded.ExitCode == 0, encoded.ToString());
        Assert.Equal("\0asm"u8.ToArray(), File.ReadAllBytes(wasm)[..4]);
        var validated = KilnProcess.Run(["validate", wasm]);
        Assert.True(validated.ExitCode == 0, validated.ToString());
        var decoded = KilnProcess.Run(["component", "wit", wasm]);
        Assert.Equal(printed.StdoutText, decoded.StdoutText);
    }

    [Fact]
    public void AComponentPrintsAsTheRootWorld()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("c.wat");
        File.WriteAllText(wat, """(component (import "log" (func (param "msg" string))) (import "wasi:cli/run@0.2.0" (instance (export "run" (func)))))""");
        var r = KilnProcess.Run(["component", "wit", "--main-only", wat]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("package root:component;\n\nworld root {\n  import wasi:cli/run@0.2.0;\n  import log: func(msg: string);\n}\n", r.StdoutText);
    }

    [Fact]
    public void AResolutionErrorNamesFileLineAndColumn()
    {
        using var dir = new TempDirectory();
        string wit = dir.Combine("bad.wit");
        File.WriteAllText(wit, "package a:b;\ninterface i {\n  f: func() -> nope;\n}\n");
        var r = KilnProcess.Run(["component", "wit", wit]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"{wit}:3:16: type `nope` does not exist", r.Stderr);
    }

    [Fact]
    public void AnUnknownSubcommandIsAUsageError()
    {
        var r = KilnProcess.Run(["component", "frobnicate"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown subcommand", r.Stderr);
    }
}
