namespace Kiln.Cli.Tests;

/// <summary><c>kiln component embed</c> and <c>kiln component new</c> end to end: a text core module and a WIT file
/// become a component that <c>kiln run --invoke</c> runs; a wiring error is a clear message and a failing exit.</summary>
public class ComponentNewCommandTests
{
    private const string Wit = """
        package demo:greet@0.1.0;

        world w {
          export greet: func(name: string) -> string;
        }
        """;

    private const string Core = """
        (module
          (memory (export "memory") 1)
          (global $bump (mut i32) (i32.const 1024))
          (data (i32.const 16) "hello, ")
          (func $realloc (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
            (local.set $p (global.get $bump))
            (global.set $bump (i32.add (local.get $p) (local.get 3)))
            (local.get $p))
          (func (export "greet") (param $ptr i32) (param $len i32) (result i32) (local $out i32)
            (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $len) (i32.const 7))))
            (memory.copy (local.get $out) (i32.const 16) (i32.const 7))
            (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $ptr) (local.get $len))
            (i32.store (i32.const 64) (local.get $out))
            (i32.store (i32.const 68) (i32.add (local.get $len) (i32.const 7)))
            (i32.const 64)))
        """;

    [Fact]
    public void EmbedThenNewMakesAComponentThatRuns()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("w.wit"), Wit);
        File.WriteAllText(dir.Combine("core.wat"), Core);
        var embed = KilnProcess.Run(["component", "embed", dir.Combine("w.wit"), dir.Combine("core.wat"), "-o", dir.Combine("core.wasm")]);
        Assert.True(embed.ExitCode == 0, embed.ToString());
        var created = KilnProcess.Run(["component", "new", dir.Combine("core.wasm"), "-o", dir.Combine("c.wasm")]);
        Assert.True(created.ExitCode == 0, created.ToString());
        var wit = KilnProcess.Run(["component", "wit", dir.Combine("c.wasm")]);
        Assert.Contains("export greet: func(name: string) -> string;", wit.StdoutText);
        var run = KilnProcess.Run(["run", "--invoke", "greet", dir.Combine("c.wasm"), "\"cli\""]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("\"hello, cli\"\n", run.StdoutText);
    }

    [Fact]
    public void AnImportNoAdapterExportsIsAClearError()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("core.wat"), """(module (import "ad" "missing" (func)))""");
        File.WriteAllText(dir.Combine("ad.wat"), """(module (func (export "present")))""");
        var result = KilnProcess.Run(["component", "new", dir.Combine("core.wat"), "--adapt", "ad=" + dir.Combine("ad.wat"), "-o", dir.Combine("c.wasm")]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("`ad::missing`", result.Stderr);
        Assert.Contains("does not export", result.Stderr);
        Assert.False(File.Exists(dir.Combine("c.wasm")));
    }

    [Fact]
    public void NewWithoutOutputIsAUsageError()
    {
        var result = KilnProcess.Run(["component", "new", "x.wasm"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("-o", result.Stderr);
    }
}
