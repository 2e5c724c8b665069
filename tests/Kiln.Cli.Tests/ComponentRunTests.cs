namespace Kiln.Cli.Tests;

/// <summary><c>kiln run --invoke</c>, <c>kiln compile</c> and <c>kiln objdump</c> on components: WAVE in and out, the
/// artifact path, and the errors for a wrong name, arity or argument.</summary>
public sealed class ComponentRunTests
{
    private const string Guest = """
        (component
          (core module $M
            (memory (export "mem") 1)
            (global $bump (mut i32) (i32.const 1024))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
              (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                                     (i32.sub (i32.const 0) (local.get 2))))
              (global.set $bump (i32.add (local.get $p) (local.get 3)))
              (local.get $p))
            (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
            (func (export "echo") (param i32 i32) (result i32)
              (i32.store (i32.const 0) (local.get 0)) (i32.store (i32.const 4) (local.get 1)) (i32.const 0)))
          (core instance $i (instantiate $M))
          (func $inc (param "x" u32) (result u32) (canon lift (core func $i "inc")))
          (core func $back (canon lower (func $inc)))
          (core module $N
            (import "" "back" (func $back (param i32) (result i32)))
            (func (export "loop") (param i32) (result i32) (call $back (local.get 0))))
          (core instance $n (instantiate $N (with "" (instance (export "back" (func $back))))))
          (type $fl' (flags "read" "write"))
          (export $fl "fl" (type $fl'))
          (func (export "inc") (param "x" u32) (result u32) (canon lift (core func $i "inc")))
          (func (export "flags") (param "x" $fl) (result $fl) (canon lift (core func $i "inc")))
          (func (export "echo") (param "s" string) (result string)
            (canon lift (core func $i "echo") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
          (func (export "loop") (param "x" u32) (result u32) (canon lift (core func $n "loop"))))
        """;

    [Fact]
    public void InvokeTakesAndPrintsWaveFromAComponentAndFromItsArtifact()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("g.wat"), artifact = dir.Combine("g.kiln");
        File.WriteAllText(wat, Guest);
        var result = KilnProcess.Run(["compile", wat, "-o", artifact]);
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var file in new[] { wat, artifact })
        {
            result = KilnProcess.Run(["run", "--invoke", "echo", file, "\"héllo \\\"w\\\"\""]);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("\"héllo \\\"w\\\"\"\n", result.StdoutText);
            result = KilnProcess.Run(["run", "--invoke", "flags", file, "{read}"]);
            Assert.Equal("{write}\n", result.StdoutText);
            result = KilnProcess.Run(["run", "--invoke", "loop", file, "1"]);
            Assert.True(result.ExitCode == 134, result.ToString());
            Assert.Contains("degenerate component adapter called", result.Stderr);
            Assert.Contains("always-trap [i32] -> [i32]", result.Stderr);
        }
    }

    [Fact]
    public void WrongNamesArityAndArgumentsAreClearErrors()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("g.wat");
        File.WriteAllText(wat, Guest);
        var result = KilnProcess.Run(["run", "--invoke", "nope", wat]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no exported function \"nope\"", result.Stderr);
        result = KilnProcess.Run(["run", "--invoke", "inc", wat, "1", "2"]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("takes 1 argument(s) (func(x: u32) -> u32), 2 given", result.Stderr);
        result = KilnProcess.Run(["run", "--invoke", "inc", wat, "\"x\""]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("argument 1 ('\"x\"') is not a valid u32", result.Stderr);
        result = KilnProcess.Run(["run", wat]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("exports no wasi:cli/run@0.2.x (exports: ", result.Stderr);
    }

    [Fact]
    public void ObjdumpNamesTheAlwaysTrapFunctionAndTheLifts()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("g.wat");
        File.WriteAllText(wat, Guest);
        var result = KilnProcess.Run(["objdump", wat]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("<always-trap [i32] -> [i32]>: ; function 0", result.StdoutText);
        Assert.Contains("\"echo\": canon lift of core instance 0 (of core module 0) export \"echo\"", result.StdoutText);
        Assert.Contains("==== always-trap module", result.StdoutText);
    }
}
