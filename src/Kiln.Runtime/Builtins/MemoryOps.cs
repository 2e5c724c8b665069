using System.Runtime.InteropServices;

namespace Kiln.Runtime.Builtins;

/// <summary>
/// The bulk memory instructions with the spec's semantics: every bound is checked before any byte is written
/// (false = out of bounds, nothing changed), copies behave as if through a temporary buffer (memmove).
/// Shared by the builtins and instantiation.
/// </summary>
internal static unsafe class MemoryOps
{
    public static int Grow(Instance instance, uint memory, uint deltaPages) =>
        instance.Memories[memory].TryGrow(deltaPages, out ulong old) ? (int)(uint)old : -1;

    public static bool Fill(Instance instance, uint memory, uint dst, byte value, uint length)
    {
        var m = instance.Memories[memory];
        if (!m.InBounds(dst, length))
            return false;
        NativeMemory.Fill((void*)(m.BaseAddress + (nint)dst), length, value);
        return true;
    }

    public static bool Copy(Instance instance, uint dstMemory, uint srcMemory, uint dst, uint src, uint length)
    {
        var d = instance.Memories[dstMemory];
        var s = instance.Memories[srcMemory];
        if (!d.InBounds(dst, length) || !s.InBounds(src, length))
            return false;
        // NativeMemory.Copy is memmove: overlapping ranges copy correctly.
        NativeMemory.Copy((void*)(s.BaseAddress + (nint)src), (void*)(d.BaseAddress + (nint)dst), length);
        return true;
    }

    public static bool Init(Instance instance, uint memory, uint data, uint dst, uint src, uint length)
    {
        var m = instance.Memories[memory];
        var segment = instance.DataSegments[data];
        if ((ulong)src + length > (ulong)segment.Length || !m.InBounds(dst, length))
            return false;
        segment.Span.Slice((int)src, (int)length).CopyTo(new Span<byte>((void*)(m.BaseAddress + (nint)dst), (int)length));
        return true;
    }

    public static void DataDrop(Instance instance, uint data) => instance.DataSegments[data] = ReadOnlyMemory<byte>.Empty;
}
