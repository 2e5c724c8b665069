using System.Runtime.InteropServices;

namespace Kiln.Runtime.Native;

/// <summary>
/// A reserved, initially inaccessible address range (kilnrt_reserve), e.g. the 4 GiB plus guard
/// region of a 32-bit linear memory. Parts are made read-write with <see cref="Commit"/>;
/// anything not committed faults, which generated code relies on for bounds checks.
/// </summary>
internal sealed unsafe class ReservedMemory : SafeHandle
{
    private ReservedMemory(nint address, nuint size)
        : base(0, ownsHandle: true)
    {
        SetHandle(address);
        Size = size;
    }

    public nuint Size { get; }

    /// <summary>Start of the range; throws once disposed.</summary>
    public nint Address
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    public override bool IsInvalid => handle == 0;

    public static ReservedMemory Reserve(nuint size)
    {
        nint address;
        NativeRuntime.Check(NativeRuntime.kilnrt_reserve(size, &address), "kilnrt_reserve");
        return new ReservedMemory(address, size);
    }

    /// <summary>Makes [offset, offset + length) read-write; offset page-aligned, length rounded up to pages.</summary>
    public void Commit(nuint offset, nuint length)
    {
        CheckRange(offset, length);
        NativeRuntime.Check(NativeRuntime.kilnrt_commit(Address + (nint)offset, length), "kilnrt_commit");
    }

    /// <summary>Makes [offset, offset + length) inaccessible again and drops its contents.</summary>
    public void Decommit(nuint offset, nuint length)
    {
        CheckRange(offset, length);
        NativeRuntime.Check(NativeRuntime.kilnrt_decommit(Address + (nint)offset, length), "kilnrt_decommit");
    }

    private void CheckRange(nuint offset, nuint length)
    {
        if (offset > Size || length > Size - offset)
            throw new ArgumentOutOfRangeException(nameof(length), $"[{offset}, {offset}+{length}) is outside the {Size}-byte reservation.");
    }

    protected override bool ReleaseHandle() => NativeRuntime.kilnrt_release(handle, Size) == 0;
}
