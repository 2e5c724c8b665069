using System.Runtime.InteropServices;

namespace Kiln.Cli.Tests;

/// <summary>
/// What a Native AOT kiln could get wrong where the JIT build does not (test.sh runs these against the executable
/// ./kiln builds): the host CPU probe must ask the machine, not the instruction set the executable was compiled for,
/// and Capstone (P/Invoke with marshalled structs) must still disassemble AArch64.
/// </summary>
public sealed class NativeExecutableTests
{
    [Fact]
    public void Host_cpu_features_are_the_machines()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64) return; // the x86-64 probe; AArch64 has no optional features yet
        string flags = File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("flags", StringComparison.Ordinal));
        var cpu = flags[(flags.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var settings = KilnProcess.Run(Environment.CurrentDirectory, "settings");
        Assert.True(settings.ExitCode == 0, settings.ToString());
        string host = settings.StdoutText.Split('\n').First(l => l.StartsWith("host cpu features:", StringComparison.Ordinal));
        var reported = host["host cpu features:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        // Linux names LZCNT "abm" (with POPCNT); the others by their own names.
        foreach (var (feature, flag) in new[] { ("sse41", "sse4_1"), ("popcnt", "popcnt"), ("lzcnt", "abm"), ("bmi1", "bmi1") })
            Assert.True(cpu.Contains(flag) == reported.Contains(feature), $"{feature}: /proc/cpuinfo {(cpu.Contains(flag) ? "has" : "lacks")} {flag}, kiln says '{host}'");
    }

    [Fact]
    public void Objdump_disassembles_aarch64_code_with_capstone()
    {
        using var dir = new TempDirectory();
        string wat = dir.Combine("add.wat");
        File.WriteAllText(wat, """(module (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))""");
        string artifact = dir.Combine("add.kiln");
        var compile = KilnProcess.Run(dir.Path, "compile", "--target", "aarch64", wat, "-o", artifact);
        Assert.True(compile.ExitCode == 0, compile.ToString());
        var dump = KilnProcess.Run(dir.Path, "objdump", artifact);
        Assert.True(dump.ExitCode == 0, dump.ToString());
        Assert.Contains("target aarch64", dump.StdoutText);
        Assert.Contains("<add>:", dump.StdoutText);
        Assert.Contains("stp x29, x30, [sp, #-0x10]!", dump.StdoutText);
        Assert.Contains("add w", dump.StdoutText);
        Assert.Contains("ret", dump.StdoutText);
    }
}
