using System.Runtime.InteropServices;

namespace Kiln.Runtime.Internal;

/// <summary>
/// A zeroed, aligned block of native memory (VMContexts, definitions, global slots, table elements).
/// A SafeHandle, so an undisposed block is freed by the finalizer; a store disposes its blocks eagerly.
/// <see cref="Reallocate"/> lets table storage grow (the address may change).
/// </summary>
internal sealed unsafe class NativeBlock : SafeHandle
{
    private static long s_liveBytes;

    private NativeBlock(nint address, nuint size, nuint alignment)
        : base(0, ownsHandle: true)
    {
        SetHandle(address);
        Size = size;
        Alignment = alignment;
        Interlocked.Add(ref s_liveBytes, (long)size);
    }

    /// <summary>Bytes held by all live blocks of the process (diagnostics and tests).</summary>
    public static long LiveBytes => Interlocked.Read(ref s_liveBytes);

    public nuint Size { get; private set; }

    public nuint Alignment { get; }

    public override bool IsInvalid => handle == 0;

    /// <summary>Start of the block; throws once disposed.</summary>
    public nint Address
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    public static NativeBlock Allocate(nuint size, nuint alignment = 16)
    {
        // Never zero bytes: every block has a distinct address.
        nuint bytes = size == 0 ? 1 : size;
        void* p = NativeMemory.AlignedAlloc(bytes, alignment);
        NativeMemory.Clear(p, bytes);
        return new NativeBlock((nint)p, bytes, alignment);
    }

    /// <summary>Grows (or shrinks) the block, keeping the common prefix and zeroing any new bytes.</summary>
    public void Reallocate(nuint newSize)
    {
        nuint bytes = newSize == 0 ? 1 : newSize;
        nint old = Address;
        void* p = NativeMemory.AlignedRealloc((void*)old, bytes, Alignment);
        if (bytes > Size)
            NativeMemory.Clear((byte*)p + Size, bytes - Size);
        Interlocked.Add(ref s_liveBytes, (long)bytes - (long)Size);
        SetHandle((nint)p);
        Size = bytes;
    }

    protected override bool ReleaseHandle()
    {
        NativeMemory.AlignedFree((void*)handle);
        Interlocked.Add(ref s_liveBytes, -(long)Size);
        return true;
    }
}
