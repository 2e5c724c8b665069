using System.Buffers.Binary;
using System.Text;
using Kiln.Codegen;
using Kiln.Compiler.Artifacts.Elf;

namespace Kiln.Compiler.Artifacts;

/// <summary>
/// The engine-compatibility record (note <see cref="KilnNotes.EngineCompatibility"/>): what a loader must match
/// before it trusts anything else. Layout, little-endian:
/// <code>
/// 0  u32 format version      4  u16 ELF machine   6 u16 reserved (0)
/// 8  u32 CPU features the code uses (required)    12 u32 CPU features the compiler was allowed
/// 16 u32 settings (bit 0: optimized, 1: fuel metering, 2: epoch checks)   20 u32 function alignment
/// 24 u32 builtin count (VMContext ABI)            28 u32 n, then n bytes of UTF-8 Kiln version
/// </code>
/// The format version comes first and stays there, so any future layout can still be refused clearly.
/// </summary>
public sealed record EngineCompatibility(
    uint FormatVersion,
    ElfMachine Machine,
    CpuFeatures RequiredFeatures,
    CpuFeatures CompileFeatures,
    bool Optimized,
    int FunctionAlignment,
    int BuiltinCount,
    string KilnVersion)
{
    private const int FixedSize = 32;
    private const uint OptimizedBit = 1, FuelBit = 2, EpochBit = 4;

    /// <summary>The code charges fuel: only an engine with fuel metering on may run it (and it must, or the
    /// store's fuel would not bound it).</summary>
    public bool ConsumeFuel { get; init; }

    /// <summary>The code checks the epoch deadline: only an engine with epoch interruption on may run it.</summary>
    public bool EpochInterruption { get; init; }
    private const int MaxVersionLength = 256;

    /// <summary>The builtin table size this build's runtime fills (code indexes it, so it is ABI).</summary>
    public static int CurrentBuiltinCount => Enum.GetValues<VmContext.Builtin>().Length;

    public byte[] Encode()
    {
        var version = Encoding.UTF8.GetBytes(KilnVersion);
        var b = new byte[FixedSize + version.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(b, FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(4), (ushort)Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), RequiredFeatures.Bits);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(12), CompileFeatures.Bits);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(16), (Optimized ? OptimizedBit : 0) | (ConsumeFuel ? FuelBit : 0) | (EpochInterruption ? EpochBit : 0));
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(20), (uint)FunctionAlignment);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(24), (uint)BuiltinCount);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(28), (uint)version.Length);
        version.CopyTo(b, FixedSize);
        return b;
    }

    /// <summary>Reads the format version alone (it is all that can be trusted to mean the same across versions).</summary>
    public static uint? PeekFormatVersion(ReadOnlySpan<byte> record) =>
        record.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(record) : null;

    /// <summary>Decodes a version-<see cref="ArtifactFormat.Version"/> record.</summary>
    public static EngineCompatibility Decode(ReadOnlySpan<byte> record)
    {
        if (record.Length < FixedSize)
            throw Malformed($"{record.Length} bytes, need at least {FixedSize}");
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(record[28..]);
        if (length > MaxVersionLength || FixedSize + length != record.Length)
            throw Malformed($"version string of {length} bytes does not fit the record's {record.Length}");
        if (BinaryPrimitives.ReadUInt16LittleEndian(record[6..]) != 0)
            throw Malformed("reserved field is not zero");
        string version;
        try
        {
            version = new UTF8Encoding(false, true).GetString(record.Slice(FixedSize, (int)length));
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("Kiln version is not UTF-8");
        }
        uint settings = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
        if ((settings & ~(OptimizedBit | FuelBit | EpochBit)) != 0)
            throw Malformed($"unknown settings bits 0x{settings:x}");
        return new EngineCompatibility(
            BinaryPrimitives.ReadUInt32LittleEndian(record),
            (ElfMachine)BinaryPrimitives.ReadUInt16LittleEndian(record[4..]),
            new CpuFeatures(BinaryPrimitives.ReadUInt32LittleEndian(record[8..])),
            new CpuFeatures(BinaryPrimitives.ReadUInt32LittleEndian(record[12..])),
            (settings & OptimizedBit) != 0,
            (int)BinaryPrimitives.ReadUInt32LittleEndian(record[20..]),
            (int)BinaryPrimitives.ReadUInt32LittleEndian(record[24..]),
            version)
        {
            ConsumeFuel = (settings & FuelBit) != 0,
            EpochInterruption = (settings & EpochBit) != 0,
        };
    }

    private static ArtifactException Malformed(string detail) =>
        new(ArtifactErrorKind.Malformed, $"engine-compatibility record is malformed: {detail}");

    public override string ToString() =>
        $"format {FormatVersion}, Kiln {KilnVersion}, target {ArtifactTarget.Name(Machine)}, CPU features {FeatureText(Machine, RequiredFeatures)} "
        + $"(compiled for {FeatureText(Machine, CompileFeatures)}), {(Optimized ? "optimized" : "unoptimized")}, {(ConsumeFuel ? "fuel metering" : "no fuel metering")}, {(EpochInterruption ? "epoch checks" : "no epoch checks")}, functions aligned to {FunctionAlignment}, {BuiltinCount} builtins";

    /// <summary>Lower-case list such as "sse41 popcnt lzcnt", or "none", in the names of <paramref name="machine"/>'s
    /// backend (bits in hex for a machine Kiln has none for).</summary>
    public static string FeatureText(ElfMachine machine, CpuFeatures f) =>
        ArtifactTarget.Isa(machine)?.DescribeFeatures(f) ?? (f.IsEmpty ? "none" : $"0x{f.Bits:x}");
}
