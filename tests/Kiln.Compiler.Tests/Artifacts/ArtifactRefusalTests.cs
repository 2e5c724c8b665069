using Kiln.Codegen;
using Kiln.Codegen.X64;
using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;
using Kiln.Compiler.VmContext;
using Kiln.Wasm.Text;

namespace Kiln.Compiler.Tests.Artifacts;

public class ArtifactRefusalTests
{
    private static readonly byte[] Good = ArtifactSamples.Compile();

    private static string IntegrityMessage(int length) =>
        $"artifact refused: integrity check failed: the SHA-256 of the file ({length} bytes) does not match the digest at offset 0x5c; the file was truncated, extended or modified";

    private static ArtifactException Refuse(byte[] file, ArtifactLoadOptions? options = null) =>
        Assert.Throws<ArtifactException>(() => ArtifactReader.Read(file, options ?? ArtifactSamples.AnyCpu));

    private static byte[] FlipBitIn(string section, int at = 0)
    {
        var elf = ElfReader.Parse(Good);
        var copy = (byte[])Good.Clone();
        copy[(int)elf.GetSection(section).Offset + at] ^= 0x10;
        return copy;
    }

    [Fact]
    public void Truncated()
    {
        foreach (int length in new[] { Good.Length - 1, Good.Length / 2, 0x200 })
        {
            var e = Refuse(Good[..length]);
            Assert.Equal(ArtifactErrorKind.Integrity, e.Kind);
            Assert.Equal(IntegrityMessage(length), e.Message);
        }
        var tiny = Refuse(Good[..0x40]);
        Assert.Equal(ArtifactErrorKind.Integrity, tiny.Kind);
        Assert.Equal("artifact refused: file is too short to hold the integrity note: 64 bytes, need at least 128", tiny.Message);
    }

    [Fact]
    public void Extended()
    {
        var e = Refuse([.. Good, 0]);
        Assert.Equal(IntegrityMessage(Good.Length + 1), e.Message);
    }

    [Theory]
    [InlineData(ArtifactFormat.TextSection, 0)]
    [InlineData(ArtifactFormat.TextSection, 0x30)]
    [InlineData(ArtifactFormat.TrapsSection, 0)]
    [InlineData(ArtifactFormat.ModuleSection, 9)]
    [InlineData(ArtifactFormat.CodeTablesSection, 4)]
    [InlineData(KilnNotes.SectionName, 20)]
    [InlineData(".symtab", 30)]
    public void A_flipped_bit_in_a_section(string section, int at)
    {
        var e = Refuse(FlipBitIn(section, at));
        Assert.Equal(ArtifactErrorKind.Integrity, e.Kind);
        Assert.Equal(IntegrityMessage(Good.Length), e.Message);
    }

    [Theory]
    [InlineData(0x12)] // e_machine
    [InlineData(0x28)] // e_shoff
    [InlineData(0x3c)] // e_shnum
    [InlineData(0x60)] // a digest byte
    [InlineData(0x7e)] // padding after the integrity note
    public void A_flipped_bit_in_the_header(int at)
    {
        var copy = (byte[])Good.Clone();
        copy[at] ^= 1;
        Assert.Equal(IntegrityMessage(Good.Length), Refuse(copy).Message);
    }

    [Fact]
    public void The_section_header_table_flipped()
    {
        var copy = (byte[])Good.Clone();
        copy[^20] ^= 0x80;
        Assert.Equal(ArtifactErrorKind.Integrity, Refuse(copy).Kind);
    }

    [Fact]
    public void Not_an_artifact()
    {
        var wasm = Kiln.Wasm.Binary.ModuleEncoder.Encode(WatParser.ParseModule(ArtifactSamples.Wat));
        Assert.Equal("not a Kiln artifact (it is a WebAssembly binary module)", Refuse(wasm).Message);
        Assert.Equal("not a Kiln artifact (no ELF header)", Refuse("(module)"u8.ToArray()).Message);
        Assert.Equal("not a Kiln artifact (only 0 bytes)", Refuse([]).Message);
        Assert.Equal(ArtifactErrorKind.NotAnArtifact, Refuse([]).Kind);
        var badMagic = (byte[])Good.Clone();
        badMagic[1] = (byte)'X';
        Assert.Equal("not a Kiln artifact (no ELF header)", Refuse(badMagic).Message);
    }

    [Fact]
    public void An_ELF_file_that_is_not_Kiln_s()
    {
        var plain = new ElfWriter(ElfMachine.X86_64, withIntegrity: false);
        plain.AddSection(".text", ElfSectionType.ProgBits, ElfSectionFlags.Alloc | ElfSectionFlags.ExecInstr, new byte[] { 0xc3 });
        var e = Refuse(plain.Write());
        Assert.Equal(ArtifactErrorKind.Integrity, e.Kind);
        Assert.StartsWith("artifact refused: integrity note missing or malformed at offset 0x40", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sealed_with_a_key_but_read_without_and_the_reverse()
    {
        var module = WatParser.ParseModule(ArtifactSamples.Wat);
        var keyed = ArtifactCompiler.Compile(module, ArtifactSamples.Options(), integrityKey: "secret"u8);
        Assert.Equal(ArtifactErrorKind.KeyRequired, Refuse(keyed).Kind);
        var wrongKey = ArtifactSamples.AnyCpu with { IntegrityKey = "other"u8.ToArray() };
        Assert.Equal(ArtifactErrorKind.Integrity, Refuse(keyed, wrongKey).Kind);
        Assert.Equal(ArtifactErrorKind.NotKeyed, Refuse(Good, wrongKey).Kind);
        var rightKey = ArtifactSamples.AnyCpu with { IntegrityKey = "secret"u8.ToArray() };
        Assert.NotNull(ArtifactReader.Read(keyed, rightKey));
    }

    private static byte[] WithCompatibility(Func<EngineCompatibility, EngineCompatibility> change)
    {
        var module = WatParser.ParseModule(ArtifactSamples.Wat);
        module.CountImports();
        var compiled = ModuleCompiler.Compile(module, new VmContextLayout(module), ArtifactSamples.Options());
        return ArtifactWriter.Write(module, compiled, change(ArtifactWriter.Compatibility(compiled, ArtifactSamples.Options())));
    }

    [Fact]
    public void Another_format_version()
    {
        uint other = ArtifactFormat.Version + 1;
        var e = Refuse(WithCompatibility(c => c with { FormatVersion = other }));
        Assert.Equal(ArtifactErrorKind.Version, e.Kind);
        Assert.Equal($"artifact format version {other} is not supported (this Kiln reads version {ArtifactFormat.Version}); recompile the module", e.Message);
    }

    [Fact]
    public void Another_Kiln_version()
    {
        var e = Refuse(WithCompatibility(c => c with { KilnVersion = "0.0.1-other" }));
        Assert.Equal(ArtifactErrorKind.Version, e.Kind);
        Assert.Equal($"artifact was made by Kiln 0.0.1-other, this is Kiln {ArtifactFormat.KilnVersion}; recompile the module", e.Message);
    }

    [Fact]
    public void Another_builtin_ABI()
    {
        var e = Refuse(WithCompatibility(c => c with { BuiltinCount = c.BuiltinCount + 1 }));
        Assert.Equal(ArtifactErrorKind.Version, e.Kind);
        Assert.Contains("runtime builtins", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_target()
    {
        var e = Refuse(WithCompatibility(c => c with { Machine = ElfMachine.AArch64 }));
        Assert.Equal(ArtifactErrorKind.Target, e.Kind);
        Assert.Equal("artifact is for target aarch64, this engine runs x86_64", e.Message);
    }

    [Fact]
    public void Missing_CPU_features()
    {
        var options = ArtifactSamples.AnyCpu with { AvailableFeatures = X64Features.Baseline };
        var artifact = ArtifactReader.Read(Good, ArtifactSamples.AnyCpu);
        Assert.True(artifact.Compiled.RequiredFeatures.Has(X64Features.Lzcnt)); // i32.clz uses lzcnt
        var e = Refuse(Good, options);
        Assert.Equal(ArtifactErrorKind.Features, e.Kind);
        Assert.Equal($"artifact needs CPU features this machine lacks: lzcnt (required {EngineCompatibility.FeatureText(ElfMachine.X86_64, artifact.Compiled.RequiredFeatures)}, available sse41 popcnt)", e.Message);

        var none = Refuse(WithCompatibility(c => c with { RequiredFeatures = X64Features.Baseline, CompileFeatures = X64Features.Baseline }),
            ArtifactSamples.AnyCpu with { AvailableFeatures = CpuFeatures.None });
        Assert.Equal("artifact needs CPU features this machine lacks: sse41 popcnt (required sse41 popcnt, available none)", none.Message);
    }

    [Theory]
    [InlineData(true, false, "artifact was compiled with fuel metering, this engine runs without fuel metering or epoch checks; recompile it with the engine's settings")]
    [InlineData(false, true, "artifact was compiled with epoch checks, this engine runs without fuel metering or epoch checks; recompile it with the engine's settings")]
    public void Compiled_with_other_guest_bounds(bool fuel, bool epochs, string message)
    {
        var file = WithCompatibility(c => c with { ConsumeFuel = fuel, EpochInterruption = epochs });
        var e = Refuse(file);
        Assert.Equal(ArtifactErrorKind.Features, e.Kind);
        Assert.Equal(message, e.Message);
        // The record survives the round trip, and the matching engine loads it.
        var read = ArtifactReader.Read(file, ArtifactSamples.AnyCpu with { ConsumeFuel = fuel, EpochInterruption = epochs });
        Assert.Equal((fuel, epochs), (read.Compatibility.ConsumeFuel, read.Compatibility.EpochInterruption));
    }
}
