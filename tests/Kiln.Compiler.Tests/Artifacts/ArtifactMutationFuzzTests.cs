using Kiln.Compiler.Artifacts;

namespace Kiln.Compiler.Tests.Artifacts;

/// <summary>
/// Seeded, fixed-count mutation fuzz: every mutation of a sealed artifact (bit flips, byte writes, truncation,
/// insertion, deletion, splices, appends) must be refused by the integrity check itself — never by a later,
/// weaker check, and never accepted (accepting one would mean loading code nobody compiled).
/// </summary>
public class ArtifactMutationFuzzTests
{
    private const int Cases = 4000;

    [Fact]
    public void Every_mutation_is_refused_by_the_integrity_check()
    {
        var good = ArtifactSamples.Compile();
        var random = new Random(0x4b494c4e);
        var kinds = new int[7];
        int tested = 0;
        for (int i = 0; i < Cases; i++)
        {
            int kind = random.Next(kinds.Length);
            var mutated = Mutate(good, kind, random);
            if (mutated.AsSpan().SequenceEqual(good))
                continue;
            kinds[kind]++;
            tested++;
            try
            {
                ArtifactReader.Read(mutated, ArtifactSamples.AnyCpu);
                Assert.Fail($"case {i} (mutation {kind}) was accepted");
            }
            catch (ArtifactException e)
            {
                // Only a change to the ELF magic may be refused before the digest is computed.
                bool magic = mutated.Length < 4 || !mutated.AsSpan(0, 4).SequenceEqual(good.AsSpan(0, 4));
                Assert.True(e.Kind == ArtifactErrorKind.Integrity || magic && e.Kind == ArtifactErrorKind.NotAnArtifact,
                    $"case {i} (mutation {kind}) refused by {e.Kind}, not by the integrity check: {e.Message}");
            }
        }
        // Every case runs (no time budget); only mutations that happen to give back the original bytes are skipped.
        Assert.True(tested >= Cases * 9 / 10, $"only {tested} of {Cases} mutations changed the file");
        Assert.All(kinds, k => Assert.True(k > 0));
    }

    private static byte[] Mutate(byte[] good, int kind, Random r)
    {
        var b = (byte[])good.Clone();
        switch (kind)
        {
            case 0: // flip one bit (anywhere, headers included)
                b[r.Next(b.Length)] ^= (byte)(1 << r.Next(8));
                return b;
            case 1: // a few random bytes
                for (int n = 1 + r.Next(8); n > 0; n--) b[r.Next(b.Length)] = (byte)r.Next(256);
                return b;
            case 2: // truncate
                return b[..r.Next(b.Length)];
            case 3: // insert bytes
            {
                int at = r.Next(b.Length + 1);
                var extra = new byte[1 + r.Next(64)];
                r.NextBytes(extra);
                return [.. b.AsSpan(0, at), .. extra, .. b.AsSpan(at)];
            }
            case 4: // delete a range
            {
                int at = r.Next(b.Length);
                int n = 1 + r.Next(Math.Min(256, b.Length - at));
                return [.. b.AsSpan(0, at), .. b.AsSpan(at + n)];
            }
            case 5: // copy one range over another (plausible-looking data)
            {
                int n = 1 + r.Next(128);
                int from = r.Next(b.Length - n), to = r.Next(b.Length - n);
                good.AsSpan(from, n).CopyTo(b.AsSpan(to));
                return b;
            }
            default: // append
            {
                var extra = new byte[1 + r.Next(32)];
                r.NextBytes(extra);
                return [.. b, .. extra];
            }
        }
    }
}
