using System.Text.RegularExpressions;
using Kiln.Compiler.Artifacts.Elf;

namespace Kiln.Compiler.Tests.Elf;

/// <summary>Our files must satisfy the reference tools: readelf without complaint, objdump with our symbols and instructions.</summary>
public class ElfBinutilsTests
{
    [Theory]
    [InlineData(ElfMachine.X86_64, "Advanced Micro Devices X86-64")]
    [InlineData(ElfMachine.AArch64, "AArch64")]
    public void ReadelfAcceptsTheFileWithoutWarnings(ElfMachine machine, string machineText)
    {
        using var temp = Binutils.WriteTemp(SampleArtifacts.Build(machine), "artifact.elf");
        foreach (var flags in new[] { new[] { "-a" }, new[] { "-a", "-W" } })
        {
            var r = Binutils.Run("readelf", "binutils", [.. flags, temp.Path]);
            Assert.True(r.ExitCode == 0, $"readelf {string.Join(' ', flags)} exited {r.ExitCode}:\n{r.Stderr}");
            Assert.True(r.Stderr.Length == 0, $"readelf {string.Join(' ', flags)} wrote to stderr:\n{r.Stderr}");
            AssertNoComplaints(r.Stdout);
            Assert.Contains("REL (Relocatable file)", r.Stdout);
            Assert.Contains(machineText, r.Stdout);
            Assert.Contains("Displaying notes found in: .note.kiln", r.Stdout);
            Assert.Contains("Displaying notes found in: .note.kiln.digest", r.Stdout);
            Assert.Matches(@"FUNC\s+GLOBAL\s+DEFAULT\s+2\s+answer", r.Stdout);
        }
    }

    [Fact]
    public void ObjdumpDisassemblesX64FunctionsBySymbol()
    {
        using var temp = Binutils.WriteTemp(SampleArtifacts.Build(ElfMachine.X86_64), "x64.elf");
        var r = Binutils.Run("objdump", "binutils", "-d", "-M", "intel", temp.Path);
        Assert.True(r.ExitCode == 0 && r.Stderr.Length == 0, $"objdump exited {r.ExitCode}:\n{r.Stderr}");
        string text = Normalize(r.Stdout);
        Assert.Contains("file format elf64-x86-64", text);
        Assert.Contains("0000000000000000 <answer>:", text);
        Assert.Contains("0: b8 2a 00 00 00 mov eax,0x2a", text);
        Assert.Contains("5: c3 ret", text);
        Assert.Contains("0000000000000010 <add>:", text);
        Assert.Contains("10: 8d 04 37 lea eax,[rdi+rsi*1]", text);
        Assert.Contains("0000000000000020 <trap>:", text);
        Assert.Contains("20: 0f 0b ud2", text);
    }

    [Fact]
    public void ObjdumpDisassemblesArm64FunctionsBySymbol()
    {
        using var temp = Binutils.WriteTemp(SampleArtifacts.Build(ElfMachine.AArch64), "arm64.elf");
        var r = Binutils.Run("aarch64-linux-gnu-objdump", "binutils-aarch64-linux-gnu", "-d", temp.Path);
        Assert.True(r.ExitCode == 0 && r.Stderr.Length == 0, $"aarch64-linux-gnu-objdump exited {r.ExitCode}:\n{r.Stderr}");
        string text = Normalize(r.Stdout);
        Assert.Contains("file format elf64-littleaarch64", text);
        Assert.Contains("0000000000000000 <answer>:", text);
        Assert.Contains("0: 52800540 mov w0, #0x2a // #42", text);
        Assert.Contains("4: d65f03c0 ret", text);
        Assert.Contains("0000000000000008 <add>:", text);
        Assert.Contains("8: 0b010000 add w0, w0, w1", text);
        Assert.Contains("0000000000000010 <trap>:", text);
        Assert.Contains("10: 00000000 udf #0", text);
    }

    [Theory]
    [InlineData(ElfMachine.X86_64)]
    [InlineData(ElfMachine.AArch64)]
    public void ObjdumpHeadersAndSymbolsWithoutWarnings(ElfMachine machine)
    {
        using var temp = Binutils.WriteTemp(SampleArtifacts.Build(machine), "artifact.elf");
        var (tool, package) = machine == ElfMachine.X86_64 ? ("objdump", "binutils") : ("aarch64-linux-gnu-objdump", "binutils-aarch64-linux-gnu");
        var r = Binutils.Run(tool, package, "-x", "-s", temp.Path);
        Assert.True(r.ExitCode == 0 && r.Stderr.Length == 0, $"{tool} -x -s exited {r.ExitCode}:\n{r.Stderr}");
        AssertNoComplaints(r.Stdout);
        Assert.Contains(".kiln.traps", r.Stdout);
        Assert.Contains(".kiln.meta", r.Stdout);
    }

    [Theory]
    [InlineData(ElfMachine.X86_64)]
    [InlineData(ElfMachine.AArch64)]
    public void OtherShapesAreCleanToo(ElfMachine machine)
    {
        var unsealed = SampleArtifacts.Build(machine, withIntegrity: false);
        var keyed = SampleArtifacts.Writer(machine).Write("key"u8);
        var bss = new ElfWriter(machine);
        int index = bss.AddNoBitsSection(".bss", ElfSectionFlags.Alloc | ElfSectionFlags.Write, 0x10000, alignment: 4096);
        bss.AddSymbol("zeros", index, 0x100, 0x20, ElfSymbolType.Object, ElfSymbolBinding.Local);
        bss.AddNote(7, new byte[5], owner: "Other");
        var empty = new ElfWriter(machine, withIntegrity: false);
        foreach (var bytes in new[] { unsealed, keyed, bss.Write(), empty.Write() })
        {
            using var temp = Binutils.WriteTemp(bytes, "variant.elf");
            var r = Binutils.Run("readelf", "binutils", "-a", "-W", temp.Path);
            Assert.True(r.ExitCode == 0 && r.Stderr.Length == 0, $"readelf exited {r.ExitCode}:\n{r.Stderr}");
            AssertNoComplaints(r.Stdout);
        }
    }

    private static void AssertNoComplaints(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            Assert.False(
                line.Contains("Warning", StringComparison.OrdinalIgnoreCase) || line.Contains("Error", StringComparison.OrdinalIgnoreCase)
                || line.Contains("corrupt", StringComparison.OrdinalIgnoreCase),
                $"binutils complained: {line}");
        }
    }

    /// <summary>Collapses objdump's tab/space column padding so expectations read like the listing.</summary>
    private static string Normalize(string listing) => Regex.Replace(listing, @"[ \t]+", " ");
}
