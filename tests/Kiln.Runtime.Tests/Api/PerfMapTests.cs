using System.Globalization;

namespace Kiln.Runtime.Tests.Api;

/// <summary>
/// <see cref="ProfilingStrategy.PerfMap"/>: /tmp/perf-PID.map names every function of every module the engine loads
/// with the address range its code really has (checked against the loaded code, not against the writer's own math).
/// One class: its tests share this process's map file, and xunit runs a class's tests one after another.
/// </summary>
public class PerfMapTests
{
    private const string Wat = """
        (module
          (import "env" "f" (func $imported (param i32) (result i32)))
          (func $fac (export "fac") (param i64) (result i64)
            (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
              (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
          (func (export "anon") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (func $with_call (export "call") (param i32) (result i32) (call $imported (local.get 0)))
          (func $empty))
        """;

    private sealed record Line(ulong Start, ulong Size, string Name);

    private static List<Line> ReadMap()
    {
        var lines = new List<Line>();
        foreach (string text in File.ReadAllLines(PerfMap.PathOfThisProcess))
        {
            // perf's own reading: two hex numbers, then the rest of the line is the name.
            string[] parts = text.Split(' ', 3);
            Assert.Equal(3, parts.Length);
            Assert.False(parts[0].StartsWith("0x", StringComparison.Ordinal), text);
            lines.Add(new Line(ulong.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture), parts[2]));
        }
        return lines;
    }

    [Fact]
    public void EveryDefinedFunctionIsListedAtItsCodeAddressWithItsName()
    {
        File.Delete(PerfMap.PathOfThisProcess);
        try
        {
            using var engine = new Engine(new EngineConfig { Profiling = ProfilingStrategy.PerfMap });
            using var module = Module.FromText(engine, Wat);
            var code = module.Code!;
            var map = code.CodeMap!;
            var lines = ReadMap();

            // Function 0 is the import: no code, no line. Functions 1-4 are defined.
            string[] expected = ["fac", "wasm_func_2", "with_call", "empty"];
            for (uint f = 1; f <= 4; f++)
            {
                ulong address = (ulong)code.FunctionCode(f);
                Assert.NotEqual(0ul, address);
                var line = Assert.Single(lines, l => l.Start == address && l.Name == expected[f - 1]);
                Assert.True(line.Size > 0, $"{line.Name} has size 0");
                Assert.True(map.Contains((nint)line.Start) && map.Contains((nint)(line.Start + line.Size - 1)), $"{line.Name} lies outside the code region");
                // The backtrace lookup (the trap handler's view) agrees about which function every byte belongs to.
                Assert.Equal(f, map.FrameAt((nint)line.Start)!.Value.FunctionIndex);
                Assert.Equal(f, map.FrameAt((nint)(line.Start + line.Size - 1))!.Value.FunctionIndex);
                var after = map.FrameAt((nint)(line.Start + line.Size));
                Assert.True(after is null || after.Value.FunctionIndex != f, $"{line.Name} goes on past its listed size");
            }
            Assert.DoesNotContain(lines, l => l.Name == "imported");

            // Trampolines are listed too, and nothing overlaps.
            Assert.Contains(lines, l => l.Name.Contains("trampoline", StringComparison.Ordinal));
            var sorted = lines.OrderBy(l => l.Start).ToList();
            for (int i = 1; i < sorted.Count; i++)
                Assert.True(sorted[i - 1].Start + sorted[i - 1].Size <= sorted[i].Start, $"{sorted[i - 1].Name} overlaps {sorted[i].Name}");
            Assert.Equal(map.Functions.Count, lines.Count);
        }
        finally
        {
            File.Delete(PerfMap.PathOfThisProcess);
        }
    }

    [Fact]
    public void EachLoadedModuleIsAppendedAndAnEngineWithoutProfilingWritesNothing()
    {
        File.Delete(PerfMap.PathOfThisProcess);
        try
        {
            using (var plain = new Engine())
            using (Module.FromText(plain, "(module (func $quiet))"))
                Assert.False(File.Exists(PerfMap.PathOfThisProcess));

            using var engine = new Engine(new EngineConfig { Profiling = ProfilingStrategy.PerfMap });
            using var first = Module.FromText(engine, "(module (func $first_one))");
            using var second = Module.FromText(engine, "(module (func $second_one))");
            var lines = ReadMap();
            Assert.Equal((ulong)first.Code!.FunctionCode(0), Assert.Single(lines, l => l.Name == "first_one").Start);
            Assert.Equal((ulong)second.Code!.FunctionCode(0), Assert.Single(lines, l => l.Name == "second_one").Start);
        }
        finally
        {
            File.Delete(PerfMap.PathOfThisProcess);
        }
    }
}
