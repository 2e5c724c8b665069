using System.Text.Json;

namespace Kiln.Cli.Tests;

/// <summary><c>kiln bench</c> end to end, on small WASI commands written in the text format.</summary>
public sealed class BenchCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("kiln-bench-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    // _start writes "hello bench\n" to stdout, then runs BODY (which may call $start / $end / $exit).
    private string Program(string name, string body)
    {
        string path = Path.Combine(dir, name + ".wat");
        File.WriteAllText(path, $$"""
            (module
              (import "bench" "start" (func $start))
              (import "bench" "end" (func $end))
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hello bench\n")
              (func $spin (local $i i32)
                (loop $l
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (i32.const 100000)))))
              (func (export "_start")
                (i32.store (i32.const 0) (i32.const 16))
                (i32.store (i32.const 4) (i32.const 12))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
                {{body}}))
            """);
        return path;
    }

    private static int CountLines(string text, string line) => text.Split('\n').Count(l => l == line);

    [Fact]
    public void OneJsonRecordPerIterationAndTheProgramsOutputPassesThrough()
    {
        string wat = Program("good", "call $start call $spin call $end");
        string json = Path.Combine(dir, "out.json");
        var r = KilnProcess.Run(dir, "bench", "--iterations", "3", "--warmup", "2", "--json", json, wat);
        Assert.True(r.ExitCode == 0, r.Stderr);
        // Warmups run the program too: 2 + 3 outputs, unchanged, and nothing else on stdout.
        Assert.Equal(5, CountLines(r.StdoutText, "hello bench"));
        Assert.Equal("", r.StdoutText.Replace("hello bench\n", ""));
        Assert.Contains("3 iteration(s) after 2 warmup(s)", r.Stderr);
        Assert.Contains("exec (start..end)", r.Stderr);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        Assert.Equal(3, doc.RootElement.GetArrayLength());
        foreach (var rec in doc.RootElement.EnumerateArray())
        {
            foreach (var field in new[] { "compile_ms", "instantiate_ms", "exec_ms" })
                Assert.True(rec.GetProperty(field).GetDouble() >= 0, $"{field} in {rec}");
            Assert.True(rec.GetProperty("compile_ms").GetDouble() > 0, rec.ToString());
        }
    }

    [Fact]
    public void ExitZeroAfterTheRegionIsANormalEnd()
    {
        var r = KilnProcess.Run(dir, "bench", "--iterations", "2", Program("exit0", "call $start call $end (call $exit (i32.const 0))"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(2, CountLines(r.StdoutText, "hello bench"));
    }

    [Fact]
    public void NonZeroExitCodeStopsTheBenchmarkWithThatCode()
    {
        string json = Path.Combine(dir, "exit.json");
        var r = KilnProcess.Run(dir, "bench", "--iterations", "3", "--json", json,
            Program("exit3", "call $start call $end (call $exit (i32.const 3))"));
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("iteration 1: the program exited with code 3", r.Stderr);
        Assert.Equal(1, CountLines(r.StdoutText, "hello bench"));
        Assert.False(File.Exists(json));
    }

    [Theory]
    [InlineData("none", "call $spin", "the program never called bench.start")]
    [InlineData("noend", "call $start call $spin", "the program called bench.start but never bench.end")]
    [InlineData("twostarts", "call $start call $start call $end", "bench.start called twice")]
    [InlineData("endfirst", "call $end call $start", "bench.end called before bench.start")]
    [InlineData("twopairs", "call $start call $end call $start call $end", "bench.start called a second time")]
    public void MisusedRegionIsAnErrorAndNoJson(string name, string body, string message)
    {
        string json = Path.Combine(dir, name + ".json");
        var r = KilnProcess.Run(dir, "bench", "--json", json, Program(name, body));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"iteration 1: {message}", r.Stderr);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void TheCurrentDirectoryIsPreopenedAsDot()
    {
        File.WriteAllText(Path.Combine(dir, "input.txt"), "from the preopen\n");
        // path_open(3, 0, "input.txt") -> fd at 200; fd_read into 300..; fd_write what was read.
        string wat = Path.Combine(dir, "cat.wat");
        File.WriteAllText(wat, """
            (module
              (import "bench" "start" (func $start))
              (import "bench" "end" (func $end))
              (import "wasi_snapshot_preview1" "path_open"
                (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 100) "input.txt")
              (func (export "_start")
                (if (call $open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 9) (i32.const 0)
                                (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 200))
                  (then unreachable))
                (i32.store (i32.const 0) (i32.const 300))
                (i32.store (i32.const 4) (i32.const 100))
                call $start
                (if (call $read (i32.load (i32.const 200)) (i32.const 0) (i32.const 1) (i32.const 8)) (then unreachable))
                call $end
                (i32.store (i32.const 4) (i32.load (i32.const 8)))
                (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """);
        var r = KilnProcess.Run(dir, "bench", "--iterations", "2", "cat.wat");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(2, CountLines(r.StdoutText, "from the preopen"));
    }

    [Fact]
    public void AnArtifactIsLoadedAndReportedAsLoadTime()
    {
        string wat = Program("art", "call $start call $spin call $end");
        string artifact = Path.Combine(dir, "art.kiln");
        var c = KilnProcess.Run(dir, "compile", wat, "-o", artifact);
        Assert.True(c.ExitCode == 0, c.Stderr);
        string json = Path.Combine(dir, "art.json");
        var r = KilnProcess.Run(dir, "bench", "--iterations", "2", "--json", json, artifact);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("load (artifact)", r.Stderr);
        Assert.Equal(2, CountLines(r.StdoutText, "hello bench"));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(2, doc.RootElement.GetArrayLength());
    }

    [Fact]
    public void ATrapIsReportedWithItsMessage()
    {
        var r = KilnProcess.Run(dir, "bench", Program("trap", "call $start unreachable"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("iteration 1: trap in _start: ", r.Stderr);
        Assert.Contains("unreachable", r.Stderr);
    }

    [Fact]
    public void BadOptionsAreUsageErrors()
    {
        Assert.Equal(2, KilnProcess.Run(dir, "bench").ExitCode);
        var r = KilnProcess.Run(dir, "bench", "--iterations", "0", "x.wasm");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--iterations", r.Stderr);
        r = KilnProcess.Run(dir, "bench", "--env", "=VALUE", Program("env", "call $start call $end"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("NAME=VALUE", r.Stderr);
    }

    [Fact]
    public void AModuleWithoutStartIsRefused()
    {
        string wat = Path.Combine(dir, "nostart.wat");
        File.WriteAllText(wat, "(module (func (export \"main\")))");
        var r = KilnProcess.Run(dir, "bench", wat);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no exported function \"_start\"", r.Stderr);
    }
}
