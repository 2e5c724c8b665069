using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Artifacts.Elf;
using Kiln.Compiler.Driver;
using Kiln.Compiler.VmContext;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Text;

namespace Kiln.Compiler.Tests.Artifacts;

public class ArtifactRoundTripTests
{
    [Fact]
    public void Reading_gives_back_the_compiled_module_and_the_module()
    {
        var module = WatParser.ParseModule(ArtifactSamples.Wat);
        var file = ArtifactCompiler.Compile(module, ArtifactSamples.Options());
        var artifact = ArtifactReader.Read(file, ArtifactSamples.AnyCpu);

        var embedded = ModuleDecoder.Decode(ModuleEncoder.Encode(module));
        embedded.CountImports();
        var expected = ModuleCompiler.Compile(embedded, new VmContextLayout(embedded), ArtifactSamples.Options());
        var got = artifact.Compiled;
        Assert.Equal(expected.Code, got.Code);
        Assert.Equal(expected.ImportedFunctionCount, got.ImportedFunctionCount);
        Assert.Equal(expected.FunctionOffsets, got.FunctionOffsets);
        Assert.Equal(expected.EntryTrampolineOffsets, got.EntryTrampolineOffsets);
        Assert.Equal(expected.HostTrampolineOffsets, got.HostTrampolineOffsets);
        Assert.Equal(expected.TrapSites, got.TrapSites);
        Assert.Equal(expected.Ranges, got.Ranges);
        Assert.Equal(expected.SourceMap, got.SourceMap);
        Assert.Equal(expected.RequiredFeatures, got.RequiredFeatures);
        Assert.Null(ModuleComparer.FirstDifference(embedded, artifact.Module));

        var c = artifact.Compatibility;
        Assert.Equal(ArtifactFormat.Version, c.FormatVersion);
        Assert.Equal(ArtifactFormat.KilnVersion, c.KilnVersion);
        Assert.Equal(ElfMachine.X86_64, c.Machine);
        Assert.True(c.Optimized);
    }

    [Fact]
    public void Sections_symbols_and_notes_are_where_the_format_says()
    {
        var artifact = ArtifactReader.Read(ArtifactSamples.Compile(), ArtifactSamples.AnyCpu);
        var elf = artifact.Elf;
        Assert.Equal(ElfFileType.Relocatable, elf.Type);
        var text = elf.GetSection(ArtifactFormat.TextSection);
        Assert.Equal(0ul, text.Offset % ArtifactFormat.TextFileAlignment);
        Assert.Equal(ElfSectionFlags.Alloc | ElfSectionFlags.ExecInstr, text.Flags);
        Assert.Equal(0ul, elf.GetSection(ArtifactFormat.RelocationsSection).Size);
        Assert.Equal((ulong)(artifact.Compiled.TrapSites.Length * 8), elf.GetSection(ArtifactFormat.TrapsSection).Size);
        foreach (var name in new[] { "fac", "add", "div" })
        {
            var symbol = elf.FindSymbol(name);
            Assert.NotNull(symbol);
            Assert.Equal(text.Index, symbol.Value.SectionIndex);
            Assert.Equal(ElfSymbolType.Func, symbol.Value.Type);
        }
        Assert.NotNull(elf.FindSymbol("wasm_func_4")); // the unnamed "load"
        Assert.NotNull(elf.FindSymbol("entry_trampoline_0"));
        Assert.Single(elf.FindNotes(KilnNotes.Owner, KilnNotes.EngineCompatibility));
    }

    [Fact]
    public void Same_input_gives_byte_identical_artifacts_for_any_thread_count()
    {
        var one = ArtifactSamples.Compile(threads: 1);
        Assert.Equal(one, ArtifactSamples.Compile(threads: 1));
        Assert.Equal(one, ArtifactSamples.Compile(threads: 8));
        Assert.Equal(one, ArtifactSamples.Compile(threads: 0));
    }

    [Fact]
    public void Aarch64_artifacts_are_deterministic_listed_and_refused_by_an_x86_64_engine()
    {
        byte[] Arm(int threads) => ArtifactCompiler.Compile(WatParser.ParseModule(ArtifactSamples.Wat), ArtifactSamples.Options(threads), ElfMachine.AArch64);
        var one = Arm(1);
        Assert.Equal(one, Arm(1));
        Assert.Equal(one, Arm(8));
        Assert.NotEqual(ArtifactSamples.Compile(threads: 1), one);
        Assert.Equal((ushort)ElfMachine.AArch64, BitConverter.ToUInt16(one, 18));
        var listed = ArtifactReader.Read(one, ArtifactSamples.AnyCpu with { Machine = ElfMachine.AArch64 });
        string listing = ArtifactListing.Print(listed.Compiled, listed.Compatibility);
        Assert.Contains("stp x29, x30, [sp, #-0x10]!", listing, StringComparison.Ordinal);
        Assert.Contains("; trap: integer_division_by_zero", listing, StringComparison.Ordinal);
        var e = Assert.Throws<ArtifactException>(() => ArtifactReader.Read(one, ArtifactSamples.AnyCpu));
        Assert.Equal(ArtifactErrorKind.Target, e.Kind);
    }

    [Fact]
    public void Listing_names_functions_wasm_offsets_and_traps()
    {
        var artifact = ArtifactReader.Read(ArtifactSamples.Compile(), ArtifactSamples.AnyCpu);
        string listing = ArtifactListing.Print(artifact.Compiled, artifact.Compatibility);
        Assert.Contains("<fac>: ; function 1", listing, StringComparison.Ordinal);
        Assert.Contains("<wasm_func_4>: ; function 4", listing, StringComparison.Ordinal);
        Assert.Contains("; trap: heap_out_of_bounds", listing, StringComparison.Ordinal);
        Assert.Contains("; trap: integer_division_by_zero", listing, StringComparison.Ordinal);
        Assert.Contains("; trap: bad_signature", listing, StringComparison.Ordinal);
        Assert.Contains("wasm@", listing, StringComparison.Ordinal);
    }
}
