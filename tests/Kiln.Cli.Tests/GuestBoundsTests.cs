namespace Kiln.Cli.Tests;

/// <summary>
/// <c>kiln run</c>'s -W and -S groups, spelled as wasmtime's (issue 16: all were "unknown option"), the backtrace
/// cap, and <c>kiln settings</c>.
/// </summary>
public sealed class GuestBoundsTests
{
    private const string InfiniteLoop = """(module (func (export "_start") (loop $l (br $l))))""";

    private const string Counter = """
        (module (func (export "count") (param i32) (result i32) (local i32)
          (loop $l (local.set 1 (i32.add (local.get 1) (i32.const 1))) (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
          (local.get 1)))
        """;

    private const string Recursion = """(module (func $r (export "_start") (call $r)))""";

    private const string Grower = """
        (module (memory 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
        """;

    private static string Write(TempDirectory dir, string name, string text)
    {
        string path = dir.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("-W", "timeout=1s")]
    [InlineData("-Wtimeout=300ms", null)]
    public void A_timeout_ends_an_infinite_loop_with_an_interrupt_trap(string option, string? value)
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "loop.wat", InfiniteLoop);
        var result = KilnProcess.Run(value is null ? ["run", option, path] : ["run", option, value, path]);
        Assert.True(result.ExitCode == 134, result.ToString());
        Assert.StartsWith("kiln run: trap: interrupt: the -W timeout of ", result.Stderr);
    }

    [Fact]
    public void Fuel_bounds_a_run_by_operators_executed()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "count.wat", Counter);
        // 8 operators per iteration: 10 iterations fit in 1000 units, 1000 do not.
        var enough = KilnProcess.Run(["run", "-W", "fuel=1000", "--invoke", "count", path, "10"]);
        Assert.True(enough.ExitCode == 0, enough.ToString());
        Assert.Equal("10\n", enough.StdoutText);
        var spent = KilnProcess.Run(["run", "-W", "fuel=1000", "--invoke", "count", path, "1000"]);
        Assert.True(spent.ExitCode == 134, spent.ToString());
        Assert.Contains("trap: all fuel consumed by WebAssembly", spent.Stderr);
    }

    [Fact]
    public void Max_memory_size_refuses_growth_beyond_it()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "grow.wat", Grower);
        var free = KilnProcess.Run(["run", "--invoke", "grow", path, "3"]);
        Assert.Equal("1\n", free.StdoutText);
        var capped = KilnProcess.Run(["run", "-W", "max-memory-size=128K", "--invoke", "grow", path, "3"]);
        Assert.True(capped.ExitCode == 0, capped.ToString());
        Assert.Equal("-1\n", capped.StdoutText);
    }

    [Fact]
    public void A_deep_recursion_prints_twenty_frames_and_a_count_unless_told_otherwise()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "rec.wat", Recursion);
        var result = KilnProcess.Run(["run", path]);
        Assert.True(result.ExitCode == 134, result.ToString());
        var frames = result.Stderr.Split('\n').Where(l => l.StartsWith("    ") && l.Contains(" - ")).ToList();
        Assert.Equal(20, frames.Count);
        Assert.Matches(@"\.\.\. \d+ more frames", result.Stderr);

        var three = KilnProcess.Run(["run", "-W", "wasm-backtrace-max-frames=3", path]);
        Assert.Equal(3, three.Stderr.Split('\n').Count(l => l.StartsWith("    ") && l.Contains(" - ")));
    }

    [Fact]
    public void Max_wasm_stack_is_accepted_and_bounds_recursion()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "rec.wat", Recursion);
        var result = KilnProcess.Run(["run", "-W", "max-wasm-stack=64K", path]);
        Assert.True(result.ExitCode == 134, result.ToString());
        Assert.Contains("trap: call stack exhausted", result.Stderr);
        // 64 KiB of frames of 16 bytes each is about 4,000 frames, against about 32,000 with the default 512 KiB.
        var count = System.Text.RegularExpressions.Regex.Match(result.Stderr, @"\.\.\. (\d+) more frames");
        Assert.True(count.Success && int.Parse(count.Groups[1].Value) < 10_000, result.Stderr);
    }

    [Fact]
    public void Wasi_option_inherit_env_is_spelled_as_wasmtime_spells_it()
    {
        var env = WasiProgram.Get("env");
        var host = new Dictionary<string, string> { ["KILN_TEST"] = "from-host" };
        var without = KilnProcess.Run(["run", env.WasmPath], environment: host);
        Assert.Contains("KILN_TEST = (unset)\n", without.StdoutText);
        var with = KilnProcess.Run(["run", "-S", "inherit-env", env.WasmPath], environment: host);
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.Contains("KILN_TEST = from-host\n", with.StdoutText);
    }

    [Theory]
    [InlineData("-W", "no-such-key=1", "unknown -W option 'no-such-key'")]
    [InlineData("-W", "fuel=lots", "-W fuel takes a whole number")]
    [InlineData("-W", "timeout=5", "-W timeout takes a duration with a unit")]
    [InlineData("-S", "preview2", "unknown or unsupported -S option 'preview2'")]
    public void A_wrong_group_option_is_a_usage_error_naming_it(string option, string value, string message)
    {
        var result = KilnProcess.Run(["run", option, value, "x.wasm"]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Stderr);
    }

    [Fact]
    public void An_artifact_remembers_its_checks_and_runs_only_with_them()
    {
        using var dir = new TempDirectory();
        string path = Write(dir, "loop.wat", InfiniteLoop);
        string artifact = dir.Combine("loop.kiln");
        var compiled = KilnProcess.Run(["compile", "-W", "epoch-interruption", path, "-o", artifact]);
        Assert.True(compiled.ExitCode == 0, compiled.ToString());
        var plain = KilnProcess.Run(["run", artifact]);
        Assert.True(plain.ExitCode == 1, plain.ToString());
        Assert.Contains("compiled with epoch checks", plain.Stderr);
        var bounded = KilnProcess.Run(["run", "-W", "timeout=200ms", artifact]);
        Assert.True(bounded.ExitCode == 134, bounded.ToString());
        Assert.Contains("trap: interrupt", bounded.Stderr);
    }

    [Fact]
    public void Settings_prints_what_an_artifact_would_record()
    {
        var plain = KilnProcess.Run(["settings"]);
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Contains("target: x86_64\n", plain.StdoutText);
        Assert.Contains("cpu features: sse41 popcnt", plain.StdoutText);
        Assert.Contains("fuel metering: no\n", plain.StdoutText);
        var baseline = KilnProcess.Run(["settings", "--cpu", "baseline", "-W", "consume-fuel"]);
        Assert.Contains("cpu features: sse41 popcnt\n", baseline.StdoutText);
        Assert.Contains("fuel metering: yes\n", baseline.StdoutText);
    }
}
