using Kiln.Compiler.Artifacts.Elf;

namespace Kiln.Compiler.Tests.Elf;

public class ElfRoundTripTests
{
    [Theory]
    [InlineData(ElfMachine.X86_64)]
    [InlineData(ElfMachine.AArch64)]
    public void WriterOutputReadsBack(ElfMachine machine)
    {
        byte[] file = SampleArtifacts.Build(machine);
        var reader = ElfReader.Parse(file, new ElfReadOptions { ExpectedMachine = machine, ExpectedType = ElfFileType.Relocatable, RequireIntegrity = true });

        Assert.Equal(machine, reader.Machine);
        Assert.Equal(ElfFileType.Relocatable, reader.Type);
        Assert.Empty(reader.ProgramHeaders);
        string[] names = [.. reader.Sections.Select(s => s.Name)];
        Assert.Equal(["", ".note.kiln.digest", ".text", ".kiln.traps", ".kiln.relocs", ".kiln.meta", ".note.kiln", ".symtab", ".strtab", ".shstrtab"], names);

        var text = reader.GetSection(".text");
        Assert.Equal(2, text.Index);
        Assert.Equal(ElfSectionFlags.Alloc | ElfSectionFlags.ExecInstr, text.Flags);
        Assert.Equal(0UL, text.Offset % 4096);
        Assert.Equal(16UL, text.Alignment);
        byte[] code = machine == ElfMachine.X86_64 ? SampleArtifacts.X64Code : SampleArtifacts.Arm64Code;
        Assert.Equal(code, text.Data.ToArray());
        Assert.Equal(SampleArtifacts.TrapTable, reader.GetSectionData(".kiln.traps").ToArray());
        Assert.Equal(8UL, reader.GetSection(".kiln.traps").EntrySize);
        Assert.Equal(SampleArtifacts.Metadata, reader.GetSectionData(".kiln.meta").ToArray());
        Assert.True(reader.GetSectionData(".kiln.relocs").IsEmpty);

        var functions = machine == ElfMachine.X86_64 ? SampleArtifacts.X64Functions : SampleArtifacts.Arm64Functions;
        foreach (var (name, offset, size) in functions)
        {
            var symbol = reader.FindSymbol(name) ?? throw new Xunit.Sdk.XunitException($"no symbol {name}");
            Assert.Equal((offset, size, ElfSymbolType.Func, ElfSymbolBinding.Global, (ushort)text.Index),
                (symbol.Value, symbol.Size, symbol.Type, symbol.Binding, symbol.SectionIndex));
        }

        var local = reader.FindSymbol("wasm_local_helper")!.Value;
        Assert.Equal(ElfSymbolBinding.Local, local.Binding);
        Assert.Equal(machine == ElfMachine.AArch64, reader.FindSymbol("$x") is not null);

        var compat = reader.GetNote(KilnNotes.Owner, KilnNotes.EngineCompatibility);
        Assert.Equal(SampleArtifacts.Compat, compat.Descriptor.ToArray());
        Assert.Equal(reader.GetSection(KilnNotes.SectionName).Index, compat.SectionIndex);
        var digest = reader.GetNote(KilnNotes.Owner, KilnNotes.Integrity);
        Assert.Equal((ulong)ElfIntegrity.AlgorithmOffset, digest.FileOffset);
        Assert.Equal(40, digest.Descriptor.Length);
    }

    [Theory]
    [InlineData(ElfMachine.X86_64)]
    [InlineData(ElfMachine.AArch64)]
    public void OutputIsDeterministic(ElfMachine machine)
    {
        Assert.Equal(SampleArtifacts.Build(machine), SampleArtifacts.Build(machine));
        Assert.Equal(SampleArtifacts.Build(machine, withIntegrity: false), SampleArtifacts.Build(machine, withIntegrity: false));
        var writer = SampleArtifacts.Writer(machine);
        Assert.Equal(writer.Write(), writer.Write());
    }

    /// <summary>Pins the format: a change here must be deliberate (and may need a format version bump).</summary>
    [Fact]
    public void OutputMatchesTheGoldenDigest()
    {
        string digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(SampleArtifacts.Build(ElfMachine.X86_64)));
        Assert.Equal("7542e2df45c1e0f60702624f55b5e7e0d1f80c73d8e620b14c980e3fc9960011", digest);
    }

    [Fact]
    public void WithoutIntegritySectionsStartAtIndexOne()
    {
        byte[] file = SampleArtifacts.Build(ElfMachine.X86_64, withIntegrity: false);
        var reader = ElfReader.Parse(file);
        Assert.Equal(1, reader.GetSection(".text").Index);
        Assert.Null(reader.FindSection(KilnNotes.IntegritySectionName));
        Assert.False(ElfIntegrity.HasSlot(file));
        var e = Assert.Throws<ElfIntegrityException>(() => ElfReader.Parse(file, new ElfReadOptions { RequireIntegrity = true }));
        Assert.Contains("integrity note missing", e.Message);
    }

    [Fact]
    public void MinimalFileAndNoBitsSection()
    {
        var empty = new ElfWriter(ElfMachine.X86_64, withIntegrity: false).Write();
        var reader = ElfReader.Parse(empty);
        Assert.Equal(2, reader.Sections.Count); // null + .shstrtab
        Assert.Empty(reader.Symbols);
        Assert.Empty(reader.Notes);

        var writer = new ElfWriter(ElfMachine.AArch64);
        int bss = writer.AddNoBitsSection(".bss", ElfSectionFlags.Alloc | ElfSectionFlags.Write, 1UL << 32, alignment: 4096);
        writer.AddSymbol("big", bss, 0x1000, 0x10, ElfSymbolType.Object);
        var r = ElfReader.Parse(writer.Write(), new ElfReadOptions { RequireIntegrity = true });
        var section = r.GetSection(".bss");
        Assert.Equal(ElfSectionType.NoBits, section.Type);
        Assert.Equal(1UL << 32, section.Size);
        Assert.True(section.Data.IsEmpty);
        Assert.Equal(0x1000UL, r.FindSymbol("big")!.Value.Value);
    }

    [Fact]
    public void ManyNotesAndOwners()
    {
        var writer = new ElfWriter(ElfMachine.X86_64);
        for (int i = 0; i < 7; i++)
        {
            writer.AddNote((uint)i, new byte[i], owner: i % 2 == 0 ? KilnNotes.Owner : "Other-owner");
        }

        var reader = ElfReader.Parse(writer.Write(), new ElfReadOptions { RequireIntegrity = true });
        var notes = reader.Notes.Where(n => n.SectionIndex == reader.GetSection(KilnNotes.SectionName).Index).ToArray();
        Assert.Equal(7, notes.Length);
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal((uint)i, notes[i].Type);
            Assert.Equal(i, notes[i].Descriptor.Length);
            Assert.Equal(i % 2 == 0 ? "Kiln" : "Other-owner", notes[i].Owner);
        }
    }

    [Fact]
    public void WriterRejectsBadInput()
    {
        var writer = new ElfWriter(ElfMachine.X86_64);
        int text = writer.AddSection(".text", ElfSectionType.ProgBits, ElfSectionFlags.Alloc, new byte[8]);
        Assert.Throws<ArgumentException>(() => writer.AddSection(".text", ElfSectionType.ProgBits, 0, new byte[1]));
        Assert.Throws<ArgumentException>(() => writer.AddSection(".symtab", ElfSectionType.ProgBits, 0, new byte[1]));
        Assert.Throws<ArgumentException>(() => writer.AddSection(".shstrtab", ElfSectionType.ProgBits, 0, new byte[1]));
        Assert.Throws<ArgumentException>(() => writer.AddSection("a\0b", ElfSectionType.ProgBits, 0, new byte[1]));
        Assert.Throws<ArgumentException>(() => writer.AddSection(".x", ElfSectionType.SymTab, 0, new byte[24]));
        Assert.Throws<ArgumentException>(() => writer.AddSection(".y", ElfSectionType.NoBits, 0, new byte[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddSection(".z", ElfSectionType.ProgBits, 0, new byte[1], alignment: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddSection(".w", ElfSectionType.ProgBits, 0, new byte[1], alignment: 1 << 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddSymbol("f", text, 4, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddSymbol("f", text + 1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddSymbol("f", 0, 0, 0));
        Assert.Throws<ArgumentException>(() => writer.AddNote(1, new byte[1], owner: "a\0"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ElfWriter((ElfMachine)3));
        Assert.Throws<InvalidOperationException>(() => new ElfWriter(ElfMachine.X86_64, withIntegrity: false).Write([1, 2, 3]));
        writer.AddSymbol("f", text, 4, 4);
        ElfReader.Parse(writer.Write(), new ElfReadOptions { RequireIntegrity = true });
    }
}
