using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Kiln.Compiler.Artifacts.Elf;

/// <summary>
/// Whole-file digest kept in a note at a fixed offset, right after the ELF header, so it can be checked
/// before a single header table is parsed:
/// <code>
/// 0x40 namesz = 5        0x44 descsz = 40        0x48 type = KilnNotes.Integrity
/// 0x4c "Kiln\0\0\0\0"    0x54 algorithm (1 = SHA-256, 2 = HMAC-SHA-256)   0x58 reserved = 0
/// 0x5c digest[32]        0x7c end (section .note.kiln.digest, size 60, padded to 0x80)
/// </code>
/// The digest covers every byte of the file, from offset 0 to the end, with the 32 digest bytes taken as
/// zero: truncation, appended bytes and any modified byte (headers, code, the algorithm word) change it.
/// SHA-256 detects corruption; tampering by someone who can rewrite the file needs the HMAC form with an
/// engine-held key (and a verifier that insists on the key, which <see cref="Verify"/> does when given one).
/// </summary>
public static class ElfIntegrity
{
    public const int NoteOffset = ElfConstants.FileHeaderSize;
    public const int NoteSize = ElfConstants.NoteHeaderSize + NameFieldSize + DescriptorSize;
    public const int AlgorithmOffset = NoteOffset + ElfConstants.NoteHeaderSize + NameFieldSize;
    public const int DigestOffset = AlgorithmOffset + 8;
    public const int DigestSize = 32;

    /// <summary>First file offset after the reserved slot; the writer places nothing before it.</summary>
    public const int SlotEnd = 0x80;

    private const int NameFieldSize = 8; // "Kiln\0" padded to 4
    private const int DescriptorSize = 8 + DigestSize;
    private const int OwnerNameSize = 5;

    /// <summary>Writes the note header and a zero digest into the slot; <see cref="Seal"/> fills it later.</summary>
    internal static void WriteSlot(Span<byte> file)
    {
        var note = file.Slice(NoteOffset, NoteSize);
        note.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(note, OwnerNameSize);
        BinaryPrimitives.WriteUInt32LittleEndian(note[4..], DescriptorSize);
        BinaryPrimitives.WriteUInt32LittleEndian(note[8..], KilnNotes.Integrity);
        "Kiln"u8.CopyTo(note[ElfConstants.NoteHeaderSize..]);
    }

    /// <summary>True when the file starts with an ELF header followed by a well-formed integrity slot.</summary>
    public static bool HasSlot(ReadOnlySpan<byte> file) => DescribeSlotProblem(file) is null;

    /// <summary>Computes the digest and stores it in the slot. An empty key means plain SHA-256.</summary>
    public static void Seal(Span<byte> file, ReadOnlySpan<byte> key = default)
    {
        if (DescribeSlotProblem(file) is { } problem)
        {
            throw new ElfIntegrityException(problem);
        }

        var algorithm = key.IsEmpty ? ElfIntegrityAlgorithm.Sha256 : ElfIntegrityAlgorithm.HmacSha256;
        BinaryPrimitives.WriteUInt32LittleEndian(file[AlgorithmOffset..], (uint)algorithm);
        BinaryPrimitives.WriteUInt32LittleEndian(file[(AlgorithmOffset + 4)..], 0);
        Span<byte> digest = stackalloc byte[DigestSize];
        Compute(file, key, digest);
        digest.CopyTo(file.Slice(DigestOffset, DigestSize));
    }

    /// <summary>
    /// Throws <see cref="ElfIntegrityException"/> unless the slot is well formed and its digest matches.
    /// With a non-empty key only an HMAC digest under that key is accepted (no downgrade to plain SHA-256).
    /// </summary>
    public static void Verify(ReadOnlySpan<byte> file, ReadOnlySpan<byte> key = default)
    {
        if (DescribeSlotProblem(file) is { } problem)
        {
            throw new ElfIntegrityException(problem);
        }

        var algorithm = (ElfIntegrityAlgorithm)BinaryPrimitives.ReadUInt32LittleEndian(file[AlgorithmOffset..]);
        var expected = key.IsEmpty ? ElfIntegrityAlgorithm.Sha256 : ElfIntegrityAlgorithm.HmacSha256;
        if (algorithm != expected)
        {
            var failure = algorithm switch
            {
                ElfIntegrityAlgorithm.HmacSha256 => ElfIntegrityFailure.KeyedFileWithoutKey,
                ElfIntegrityAlgorithm.Sha256 => ElfIntegrityFailure.UnkeyedFileWithKey,
                _ => ElfIntegrityFailure.UnknownAlgorithm,
            };
            throw new ElfIntegrityException(
                $"integrity note at offset 0x{AlgorithmOffset:x}: algorithm is {AlgorithmName((uint)algorithm)}, expected {AlgorithmName((uint)expected)}", failure);
        }

        Span<byte> digest = stackalloc byte[DigestSize];
        Compute(file, key, digest);
        if (!CryptographicOperations.FixedTimeEquals(digest, file.Slice(DigestOffset, DigestSize)))
        {
            throw new ElfIntegrityException(
                $"integrity check failed: the {AlgorithmName((uint)algorithm)} of the file ({file.Length} bytes) does not match the digest at offset 0x{DigestOffset:x}; the file was truncated, extended or modified{(key.IsEmpty ? "" : ", or sealed under another key")}", ElfIntegrityFailure.Mismatch);
        }
    }

    private static void Compute(ReadOnlySpan<byte> file, ReadOnlySpan<byte> key, Span<byte> destination)
    {
        using var hash = key.IsEmpty
            ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256)
            : IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        Span<byte> zeros = stackalloc byte[DigestSize];
        zeros.Clear();
        hash.AppendData(file[..DigestOffset]);
        hash.AppendData(zeros);
        hash.AppendData(file[(DigestOffset + DigestSize)..]);
        hash.GetHashAndReset(destination);
    }

    private static string? DescribeSlotProblem(ReadOnlySpan<byte> file)
    {
        if (file.Length < SlotEnd)
        {
            return $"file is too short to hold the integrity note: {file.Length} bytes, need at least {SlotEnd}";
        }

        if (file[0] != ElfConstants.Mag0 || file[1] != ElfConstants.Mag1 || file[2] != ElfConstants.Mag2 || file[3] != ElfConstants.Mag3)
        {
            return "not an ELF file: bad magic at offset 0x0";
        }

        var note = file.Slice(NoteOffset, NoteSize);
        uint nameSize = BinaryPrimitives.ReadUInt32LittleEndian(note);
        uint descSize = BinaryPrimitives.ReadUInt32LittleEndian(note[4..]);
        uint type = BinaryPrimitives.ReadUInt32LittleEndian(note[8..]);
        if (nameSize != OwnerNameSize || descSize != DescriptorSize || type != KilnNotes.Integrity
            || !note.Slice(ElfConstants.NoteHeaderSize, NameFieldSize).SequenceEqual("Kiln\0\0\0\0"u8))
        {
            return $"integrity note missing or malformed at offset 0x{NoteOffset:x}: namesz {nameSize}, descsz {descSize}, type {type} (expected {OwnerNameSize}, {DescriptorSize}, {KilnNotes.Integrity}, owner \"Kiln\")";
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(file[(AlgorithmOffset + 4)..]) != 0)
        {
            return $"integrity note at offset 0x{AlgorithmOffset + 4:x}: reserved word is not zero";
        }

        return null;
    }

    private static string AlgorithmName(uint algorithm) => algorithm switch
    {
        (uint)ElfIntegrityAlgorithm.Sha256 => "SHA-256",
        (uint)ElfIntegrityAlgorithm.HmacSha256 => "HMAC-SHA-256",
        _ => $"unknown algorithm {algorithm}",
    };
}
