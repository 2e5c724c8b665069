using Kiln.Compiler.Artifacts.Elf;

namespace Kiln.Compiler.Tests.Elf;

public class ElfIntegrityTests
{
    private static readonly byte[] Key = "engine-secret-key"u8.ToArray();

    [Fact]
    public void SealedFileVerifies()
    {
        byte[] file = SampleArtifacts.Build(ElfMachine.X86_64);
        ElfIntegrity.Verify(file);
        Assert.True(ElfIntegrity.HasSlot(file));
        Assert.Equal((uint)ElfIntegrityAlgorithm.Sha256, BitConverter.ToUInt32(file, ElfIntegrity.AlgorithmOffset));
        Assert.Equal(0x5c, ElfIntegrity.DigestOffset);
    }

    [Fact]
    public void AnyChangedByteFailsIncludingCodeAndDigest()
    {
        byte[] original = SampleArtifacts.Build(ElfMachine.X86_64);
        int code = (int)ElfReader.Parse(original).GetSection(".text").Offset;
        foreach (int offset in new[] { 0x12, ElfIntegrity.AlgorithmOffset, ElfIntegrity.DigestOffset, ElfIntegrity.DigestOffset + 31, code, code + 1, original.Length - 1 })
        {
            byte[] file = (byte[])original.Clone();
            file[offset] ^= 0x01;
            Assert.ThrowsAny<ElfFormatException>(() => ElfIntegrity.Verify(file));
            Assert.ThrowsAny<ElfFormatException>(() => ElfReader.Parse(file, new ElfReadOptions { RequireIntegrity = true }));
        }

        byte[] tampered = (byte[])original.Clone();
        tampered[code + 1] = 0x2b; // mov eax, 43
        var e = Assert.Throws<ElfIntegrityException>(() => ElfReader.Parse(tampered, new ElfReadOptions { RequireIntegrity = true }));
        Assert.Equal($"integrity check failed: the SHA-256 of the file ({original.Length} bytes) does not match the digest at offset 0x5c; the file was truncated, extended or modified", e.Message);
    }

    [Fact]
    public void TruncatedOrExtendedFilesFail()
    {
        byte[] file = SampleArtifacts.Build(ElfMachine.AArch64);
        Assert.Throws<ElfIntegrityException>(() => ElfIntegrity.Verify(file.AsSpan(0, file.Length - 1)));
        Assert.Throws<ElfIntegrityException>(() => ElfIntegrity.Verify([.. file, 0]));
        var e = Assert.Throws<ElfIntegrityException>(() => ElfIntegrity.Verify(file.AsSpan(0, 100)));
        Assert.Equal("file is too short to hold the integrity note: 100 bytes, need at least 128", e.Message);
    }

    [Fact]
    public void ResealingAfterAnEditVerifiesAgain()
    {
        byte[] file = SampleArtifacts.Build(ElfMachine.X86_64);
        file[(int)ElfReader.Parse(file).GetSection(".text").Offset + 1] = 0x2b;
        Assert.Throws<ElfIntegrityException>(() => ElfIntegrity.Verify(file));
        ElfIntegrity.Seal(file);
        ElfIntegrity.Verify(file);
    }

    [Fact]
    public void HmacNeedsTheKeyAndCannotBeDowngraded()
    {
        byte[] keyed = SampleArtifacts.Writer(ElfMachine.X86_64).Write(Key);
        ElfIntegrity.Verify(keyed, Key);
        ElfReader.Parse(keyed, new ElfReadOptions { RequireIntegrity = true, IntegrityKey = Key });

        Assert.Equal("integrity note at offset 0x54: algorithm is HMAC-SHA-256, expected SHA-256",
            Assert.Throws<ElfIntegrityException>(() => ElfIntegrity.Verify(keyed)).Message);
        Assert.Contains("does not match", Assert.Throws<ElfIntegrityException>(() => ElfIntegrity.Verify(keyed, "other"u8)).Message);

        // Someone rewriting the file can recompute a plain SHA-256, but a verifier holding the key refuses it.
        byte[] downgraded = (byte[])keyed.Clone();
        ElfIntegrity.Seal(downgraded);
        Assert.Equal("integrity note at offset 0x54: algorithm is SHA-256, expected HMAC-SHA-256",
            Assert.Throws<ElfIntegrityException>(() => ElfIntegrity.Verify(downgraded, Key)).Message);
    }

    [Fact]
    public void MissingSlotIsReported()
    {
        byte[] file = SampleArtifacts.Build(ElfMachine.X86_64, withIntegrity: false);
        var e = Assert.Throws<ElfIntegrityException>(() => ElfIntegrity.Seal(file));
        Assert.StartsWith("integrity note missing or malformed at offset 0x40", e.Message);
        Assert.Equal("not an ELF file: bad magic at offset 0x0", Assert.Throws<ElfIntegrityException>(() => ElfIntegrity.Verify(new byte[200])).Message);
    }
}
