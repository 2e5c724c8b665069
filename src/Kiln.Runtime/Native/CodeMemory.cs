using System.Runtime.InteropServices;

namespace Kiln.Runtime.Native;

/// <summary>
/// Pages for generated code: written while read-write, then made read-execute with
/// <see cref="MakeExecutable"/> (never both at once), and optionally registered so that faults
/// in it become traps. Disposing unregisters and frees it.
/// </summary>
internal sealed unsafe class CodeMemory : SafeHandle
{
    private CodeMemory(nint address, nuint size)
        : base(0, ownsHandle: true)
    {
        SetHandle(address);
        Size = size;
    }

    /// <summary>Size in bytes, rounded up to whole pages.</summary>
    public nuint Size { get; }

    public bool IsExecutable { get; private set; }

    public bool IsRegistered { get; private set; }

    public nint Address
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    public override bool IsInvalid => handle == 0;

    public static CodeMemory Allocate(nuint size)
    {
        if (size == 0)
            throw new ArgumentOutOfRangeException(nameof(size), "Code memory must not be empty.");
        nuint page = NativeRuntime.PageSize;
        nuint rounded = (size + page - 1) & ~(page - 1);
        nint address;
        NativeRuntime.Check(NativeRuntime.kilnrt_code_alloc(rounded, &address), "kilnrt_code_alloc");
        return new CodeMemory(address, rounded);
    }

    /// <summary>The whole region while it is still writable.</summary>
    public Span<byte> WritableSpan
    {
        get
        {
            if (IsExecutable)
                throw new InvalidOperationException("Code memory is read-execute; it can no longer be written.");
            if (Size > int.MaxValue)
                throw new InvalidOperationException("Code memory is too large for a span.");
            return new Span<byte>((void*)Address, (int)Size);
        }
    }

    public void Write(int offset, ReadOnlySpan<byte> bytes) => bytes.CopyTo(WritableSpan[offset..]);

    /// <summary>Switches the region to read-execute (and makes it visible to instruction fetch).</summary>
    public void MakeExecutable()
    {
        if (IsExecutable)
            return;
        NativeRuntime.Check(NativeRuntime.kilnrt_code_protect_rx(Address, Size), "kilnrt_code_protect_rx");
        IsExecutable = true;
    }

    /// <summary>Registers the region as wasm code: faults in it become traps inside kilnrt_call.</summary>
    public void Register()
    {
        if (IsRegistered)
            return;
        NativeRuntime.Initialize();
        NativeRuntime.RegisterCode(Address, Size);
        IsRegistered = true;
    }

    private uint* _landingSites;

    /// <summary>Gives the unwinder the region's landing sites: (return offset, landing offset) pairs sorted by
    /// return offset. Copied to native memory that lives until the region is unregistered.</summary>
    public void RegisterLandingSites(ReadOnlySpan<uint> pairs)
    {
        if (!IsRegistered)
            throw new InvalidOperationException("register the code before its landing sites");
        if (pairs.IsEmpty || _landingSites != null)
            return;
        _landingSites = (uint*)NativeMemory.Alloc((nuint)pairs.Length, sizeof(uint));
        pairs.CopyTo(new Span<uint>(_landingSites, pairs.Length));
        NativeRuntime.Check(NativeRuntime.kilnrt_register_landing_sites(Address, _landingSites, (nuint)(pairs.Length / 2)), "kilnrt_register_landing_sites");
    }

    protected override bool ReleaseHandle()
    {
        // Unregister first: a fault in freed-and-reused pages must not look like a wasm trap.
        bool ok = !IsRegistered || NativeRuntime.kilnrt_unregister_code(handle) == 0;
        if (_landingSites != null)
        {
            NativeMemory.Free(_landingSites);
            _landingSites = null;
        }
        IsRegistered = false;
        return NativeRuntime.kilnrt_code_free(handle, Size) == 0 && ok;
    }
}
