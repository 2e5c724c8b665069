using System.Globalization;
using System.Text.RegularExpressions;

namespace Kiln.Cli.Tests;

/// <summary>
/// <c>kiln run --profile=perfmap</c>: the child's /tmp/perf-PID.map lists every function and trampoline of the module
/// with the size and relative placement <c>kiln objdump</c> gives for the same artifact, so perf names samples right.
/// </summary>
public sealed class ProfileOptionTests
{
    private const string Wat = """
        (module
          (func $fib (export "fib") (param i32) (result i32)
            (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
              (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
          (func $twice (export "twice") (param i32) (result i32) (i32.mul (call $fib (local.get 0)) (i32.const 2)))
          (func (export "anon") (result i32) (i32.const 7)))
        """;

    private sealed record Symbol(ulong Offset, ulong Size);

    [Fact]
    public void Perfmap_lists_every_function_where_objdump_places_it()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("fib.wat");
        File.WriteAllText(wat, Wat);
        string artifact = dir.Combine("fib.kiln");
        var compile = KilnProcess.Run(dir.Path, "compile", wat, "-o", artifact);
        Assert.True(compile.ExitCode == 0, compile.ToString());

        // objdump: "00000080 <name>: ; function 1, 81 bytes" per function and trampoline.
        var dump = KilnProcess.Run(dir.Path, "objdump", artifact);
        Assert.True(dump.ExitCode == 0, dump.ToString());
        var expected = new Dictionary<string, Symbol>();
        foreach (Match m in Regex.Matches(dump.StdoutText, @"^([0-9a-f]{8}) <([^>]+)>: ;.*?, (\d+) bytes$", RegexOptions.Multiline))
            expected[m.Groups[2].Value] = new Symbol(ulong.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture), ulong.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        Assert.Contains("fib", expected.Keys);
        Assert.Contains("twice", expected.Keys);
        Assert.Contains("wasm_func_2", expected.Keys);

        var run = KilnProcess.Run(dir.Path, "run", "--profile=perfmap", "--invoke", "twice", artifact, "10");
        string map = $"/tmp/perf-{run.ProcessId.ToString(CultureInfo.InvariantCulture)}.map";
        try
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("110\n", run.StdoutText);
            var listed = new Dictionary<string, (ulong Address, ulong Size)>();
            foreach (string line in File.ReadAllLines(map))
            {
                string[] parts = line.Split(' ', 3);
                Assert.Equal(3, parts.Length);
                Assert.True(listed.TryAdd(parts[2], (ulong.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    ulong.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture))), $"{parts[2]} listed twice");
            }
            Assert.Equal(expected.Keys.Order(), listed.Keys.Order());
            // The code is loaded as one block: every symbol sits at the same distance from its objdump offset.
            ulong bias = listed["fib"].Address - expected["fib"].Offset;
            foreach (var (name, symbol) in expected)
            {
                Assert.Equal(symbol.Size, listed[name].Size);
                Assert.Equal(symbol.Offset + bias, listed[name].Address);
            }
        }
        finally
        {
            File.Delete(map);
        }
    }

    [Fact]
    public void An_unknown_profiler_is_a_usage_error_and_no_profile_writes_no_map()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("fib.wat");
        File.WriteAllText(wat, Wat);
        var bad = KilnProcess.Run(dir.Path, "run", "--profile=vtune", "--invoke", "anon", wat);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--profile", bad.Stderr);

        var plain = KilnProcess.Run(dir.Path, "run", "--invoke", "anon", wat);
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.False(File.Exists($"/tmp/perf-{plain.ProcessId.ToString(CultureInfo.InvariantCulture)}.map"));
    }
}
