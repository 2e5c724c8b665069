using System.Buffers.Binary;
using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi;

/// <summary>
/// fd_readdir: the directory is read whole (getdents64 from offset 0) when the guest starts over (cookie 0), and
/// entry i gets cookie i + 1, so cookies stay valid however the guest's buffer splits the listing.
/// </summary>
internal static unsafe class DirectoryListing
{
    // linux_dirent64 d_type (DT_*) -> WASI filetype; DT_UNKNOWN is asked of the file system.
    private static readonly WasiFileType?[] TypeOfDt =
    [
        null, WasiFileType.Unknown, WasiFileType.CharacterDevice, null, WasiFileType.Directory, null,
        WasiFileType.BlockDevice, null, WasiFileType.RegularFile, null, WasiFileType.SymbolicLink, null,
        WasiFileType.SocketStream,
    ];

    public static WasiErrno Read(int dirFd, out List<DirectoryEntry> entries)
    {
        entries = [];
        long r = WasiSys.kilnrt_wasi_seek(dirFd, 0, 0);
        if (r < 0)
            return WasiSys.Errno(r);
        var buffer = new byte[32 * 1024];
        while (true)
        {
            long n;
            fixed (byte* p = buffer)
                n = WasiSys.kilnrt_wasi_getdents(dirFd, p, (ulong)buffer.Length);
            if (n < 0)
                return WasiSys.Errno(n);
            if (n == 0)
                return WasiErrno.Success;
            for (int at = 0; at < n;)
            {
                // linux_dirent64: d_ino u64, d_off s64, d_reclen u16, d_type u8, d_name NUL-terminated
                var record = buffer.AsSpan(at);
                ulong ino = BinaryPrimitives.ReadUInt64LittleEndian(record);
                int length = BinaryPrimitives.ReadUInt16LittleEndian(record[16..]);
                byte dt = record[18];
                var nameField = record[19..length];
                var name = nameField[..nameField.IndexOf((byte)0)].ToArray();
                var type = (dt < TypeOfDt.Length ? TypeOfDt[dt] : null) ?? Lookup(dirFd, name);
                entries.Add(new DirectoryEntry(ino, type, name));
                at += length;
            }
        }
    }

    private static WasiFileType Lookup(int dirFd, byte[] name)
    {
        byte* stat = stackalloc byte[WasiLayout.FilestatSize];
        fixed (byte* n = Beneath.Terminated(name))
            return WasiSys.kilnrt_wasi_lstat_at(dirFd, n, stat) == 0 ? (WasiFileType)stat[16] : WasiFileType.Unknown;
    }

    /// <summary>Writes dirents from <paramref name="cookie"/> on; the last one is cut off when the buffer ends
    /// (the guest sees a full buffer and asks again from that entry's cookie).</summary>
    public static uint Write(List<DirectoryEntry> entries, ulong cookie, Memory memory, uint buffer, uint length)
    {
        uint used = 0;
        Span<byte> header = stackalloc byte[WasiLayout.DirentSize];
        for (ulong i = cookie; i < (ulong)entries.Count && used < length; i++)
        {
            var entry = entries[(int)i];
            header.Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(header, i + 1);
            BinaryPrimitives.WriteUInt64LittleEndian(header[WasiLayout.DirentIno..], entry.Inode);
            BinaryPrimitives.WriteUInt32LittleEndian(header[WasiLayout.DirentNameLength..], (uint)entry.Name.Length);
            header[WasiLayout.DirentType] = (byte)entry.Type;
            used += Put(memory, buffer + used, length - used, header);
            used += Put(memory, buffer + used, length - used, entry.Name);
        }
        return used;
    }

    private static uint Put(Memory memory, uint at, uint room, ReadOnlySpan<byte> bytes)
    {
        int n = (int)Math.Min(room, (uint)bytes.Length);
        memory.Write(at, bytes[..n]);
        return (uint)n;
    }
}
