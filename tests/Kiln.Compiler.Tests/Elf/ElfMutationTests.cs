using Kiln.Compiler.Artifacts.Elf;
using Xunit.Abstractions;

namespace Kiln.Compiler.Tests.Elf;

/// <summary>
/// Thousands of corrupted files, fixed seeds: the reader either accepts a file or throws ElfFormatException;
/// with integrity required, every changed file is refused. Anything else (another exception, a hang) fails.
/// </summary>
public class ElfMutationTests(ITestOutputHelper output)
{
    private const int Iterations = 5000;

    [Theory]
    [InlineData(ElfMachine.X86_64, false, 4096, 1)]
    [InlineData(ElfMachine.AArch64, false, 4096, 2)]
    [InlineData(ElfMachine.X86_64, true, 4096, 3)] // a sealed file parsed without checking the seal: exercises the parser on it
    [InlineData(ElfMachine.X86_64, false, 16, 4)] // no page padding: nearly every byte is a header, a table or a name
    [InlineData(ElfMachine.AArch64, true, 16, 5)]
    public void ParserOnlyEverThrowsElfFormatException(ElfMachine machine, bool sealedFile, ulong textFileAlignment, int seed)
    {
        // Mutations landing in the zero padding before the page-aligned .text parse fine; only the seal notices those.
        byte[] original = SampleArtifacts.Build(machine, sealedFile, textFileAlignment);
        var mutator = new ElfMutator(seed, original, ElfPatch.Fields(original));
        var failures = new List<string>();
        int accepted = 0, refused = 0;
        for (int i = 0; i < Iterations && failures.Count < 5; i++)
        {
            var (bytes, what) = mutator.Next();
            try
            {
                var reader = ElfReader.Parse(bytes, new ElfReadOptions { ExpectedMachine = machine });
                Touch(reader);
                accepted++;
            }
            catch (ElfFormatException)
            {
                refused++;
            }
            catch (Exception e)
            {
                failures.Add($"seed {seed} iteration {i} ({what}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }

        output.WriteLine($"{machine} sealed={sealedFile} textFileAlignment={textFileAlignment} seed={seed}: {accepted} accepted, {refused} refused");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(refused > Iterations / 3, $"only {refused} of {Iterations} mutations were refused; the reader is too lenient");
        Assert.True(accepted > 0, "no mutation was accepted: mutations that only touch code or data should still parse");
    }

    [Theory]
    [InlineData(ElfMachine.X86_64, 11)]
    [InlineData(ElfMachine.AArch64, 12)]
    public void WithIntegrityEveryChangedFileIsRefused(ElfMachine machine, int seed)
    {
        byte[] original = SampleArtifacts.Build(machine);
        var mutator = new ElfMutator(seed, original, ElfPatch.Fields(original));
        var options = new ElfReadOptions { ExpectedMachine = machine, RequireIntegrity = true };
        for (int i = 0; i < Iterations; i++)
        {
            var (bytes, what) = mutator.Next();
            bool unchanged = bytes.AsSpan().SequenceEqual(original);
            try
            {
                ElfReader.Parse(bytes, options);
                Assert.True(unchanged, $"seed {seed} iteration {i} ({what}): a modified file passed the integrity check");
            }
            catch (ElfFormatException)
            {
                Assert.False(unchanged, $"seed {seed} iteration {i} ({what}): an unmodified file was refused");
            }
        }

        output.WriteLine($"{machine} integrity seed={seed}: {Iterations} mutations verified");
    }

    [Fact]
    public void RandomBytesBehindAValidIdentAreRefusedCleanly()
    {
        var random = new Random(99);
        byte[] header = SampleArtifacts.Build(ElfMachine.X86_64, withIntegrity: false)[..64];
        for (int i = 0; i < 2000; i++)
        {
            byte[] bytes = new byte[random.Next(0, 2048)];
            random.NextBytes(bytes);
            if (i % 2 == 0)
            {
                header.AsSpan(0, Math.Min(random.Next(8, 64), bytes.Length)).CopyTo(bytes);
            }

            try
            {
                Touch(ElfReader.Parse(bytes));
            }
            catch (ElfFormatException)
            {
            }
        }
    }

    /// <summary>Reads everything an accepted file exposes, so lazy bugs would surface here.</summary>
    private static void Touch(ElfReader reader)
    {
        long sum = 0;
        foreach (var s in reader.Sections)
        {
            var data = s.Data.Span;
            sum += data.IsEmpty ? 0 : data[0] + data[^1];
            sum += s.Name.Length;
            _ = reader.FindSection(s.Name);
        }

        foreach (var symbol in reader.Symbols)
        {
            sum += symbol.Name.Length + (long)(symbol.Value & 1);
            _ = reader.FindSymbol(symbol.Name);
        }

        foreach (var note in reader.Notes)
        {
            sum += note.Descriptor.Span.IsEmpty ? 0 : note.Descriptor.Span[^1];
            _ = reader.FindNotes(note.Owner, note.Type);
        }

        try
        {
            _ = reader.GetNote(KilnNotes.Owner, KilnNotes.EngineCompatibility);
            _ = reader.GetSectionData(".text");
        }
        catch (ElfFormatException)
        {
        }

        GC.KeepAlive(sum);
    }
}
