using System.Text;
using Kiln.Runtime.Wasi.Native;

namespace Kiln.Runtime.Wasi;

/// <summary>
/// Guest pointers into a <see cref="Memory"/>. Anything out of bounds is a trap (out of bounds memory access), as
/// in wasmtime, never a partial read or write.
/// </summary>
internal static class GuestMemory
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Traps unless [ptr, ptr + length) lies inside the memory.</summary>
    public static void Check(Memory memory, uint ptr, ulong length)
    {
        ulong size = memory.Length;
        if (ptr > size || length > size - ptr)
            throw new Trap(TrapCode.HeapOutOfBounds);
    }

    /// <summary>The host address of a checked range.</summary>
    public static nint Address(Memory memory, uint ptr, ulong length)
    {
        Check(memory, ptr, length);
        return memory.BaseAddress + (nint)ptr;
    }

    public static uint ReadU32(Memory memory, uint ptr) => (uint)memory.ReadInt32(ptr);

    public static void WriteU32(Memory memory, uint ptr, uint value) => memory.WriteInt32(ptr, (int)value);

    public static void WriteU64(Memory memory, uint ptr, ulong value) => memory.WriteInt64(ptr, (long)value);

    /// <summary>The guest's iovec array as host iovecs pointing into the memory (each buffer checked).</summary>
    public static HostIovec[] Iovecs(Memory memory, uint iovs, uint count)
    {
        Check(memory, iovs, (ulong)count * WasiLayout.IovecSize);
        var result = new HostIovec[count];
        for (uint i = 0; i < count; i++)
        {
            uint buf = ReadU32(memory, iovs + i * WasiLayout.IovecSize);
            uint len = ReadU32(memory, iovs + i * WasiLayout.IovecSize + 4);
            result[i] = new HostIovec { Base = Address(memory, buf, len), Length = len };
        }
        return result;
    }

    /// <summary>
    /// A guest string (path or symlink target) as NUL-terminated bytes: EILSEQ when it is not UTF-8, EINVAL when it
    /// holds a NUL (the host would cut it short there).
    /// </summary>
    public static WasiErrno ReadString(Memory memory, uint ptr, uint length, out byte[] bytes)
    {
        Check(memory, ptr, length);
        bytes = new byte[length + 1];
        memory.Read(ptr, bytes.AsSpan(0, (int)length));
        var text = bytes.AsSpan(0, (int)length);
        if (text.Contains((byte)0))
            return WasiErrno.Inval;
        try
        {
            StrictUtf8.GetCharCount(text);
        }
        catch (DecoderFallbackException)
        {
            return WasiErrno.IlSeq;
        }
        return WasiErrno.Success;
    }
}
