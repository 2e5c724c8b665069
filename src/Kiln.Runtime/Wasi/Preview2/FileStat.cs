using System.Buffers.Binary;

namespace Kiln.Runtime.Wasi.Preview2;

/// <summary>What the shared native layer's fstat reports (preview1's filestat layout, <see cref="WasiLayout"/>),
/// read out for <c>descriptor-stat</c> and <c>metadata-hash</c>.</summary>
internal readonly record struct FileStat(ulong Device, ulong Inode, WasiFileType Type, ulong Links, ulong Size, ulong Accessed, ulong Modified, ulong Changed)
{
    public static FileStat Read(ReadOnlySpan<byte> filestat) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(filestat),
        BinaryPrimitives.ReadUInt64LittleEndian(filestat[8..]),
        (WasiFileType)filestat[16],
        BinaryPrimitives.ReadUInt64LittleEndian(filestat[24..]),
        BinaryPrimitives.ReadUInt64LittleEndian(filestat[32..]),
        BinaryPrimitives.ReadUInt64LittleEndian(filestat[40..]),
        BinaryPrimitives.ReadUInt64LittleEndian(filestat[48..]),
        BinaryPrimitives.ReadUInt64LittleEndian(filestat[56..]));
}
