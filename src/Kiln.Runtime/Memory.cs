using System.Buffers.Binary;
using Kiln.Compiler.VmContext;
using Kiln.Runtime.Internal;
using Kiln.Runtime.Native;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// A 32-bit linear memory. Its address range (<see cref="VmContextLayout.MemoryReservation"/> plus
/// <see cref="VmContextLayout.MemoryGuard"/>) is reserved once and never moves; the first <see cref="Pages"/>
/// pages are read-write and everything after faults, which is how generated code's accesses are bounds-checked.
/// Growing commits more pages in place. The host-side accessors here check bounds themselves and throw a
/// <see cref="Trap"/> with <see cref="TrapCode.HeapOutOfBounds"/>.
/// </summary>
public sealed unsafe class Memory : Extern
{
    // 64-bit hosts only (the reservation does not fit a 32-bit address space).
    private static readonly nuint ReservationSize = (nuint)Reserved();

    private readonly ReservedMemory reservation;

    private static ulong Reserved() => VmContextLayout.MemoryReservation + VmContextLayout.MemoryGuard;
    private readonly NativeBlock definition;
    private readonly ulong maxPages;

    /// <summary>Creates a memory of <paramref name="type"/> (min pages committed, zeroed) in <paramref name="store"/>.</summary>
    public Memory(Store store, MemoryType type)
        : base(store)
    {
        var limits = type.Limits;
        if (limits.Min > MemoryType.MaxPages32 || limits.Max > MemoryType.MaxPages32)
            throw new ArgumentException("a 32-bit memory has at most 65536 pages", nameof(type));
        if (limits.Max is { } m && m < limits.Min)
            throw new ArgumentException("size minimum must not be greater than maximum", nameof(type));
        if (type.Shared && limits.Max is null)
            throw new ArgumentException("shared memory must have maximum", nameof(type));
        ulong storeMax = store.Limits.MaxMemoryBytes / MemoryType.PageSize;
        if (limits.Min > storeMax)
            throw new ResourceLimitException($"memory minimum of {limits.Min} pages exceeds the store's limit of {storeMax} pages");
        Type = type;
        maxPages = Math.Min(limits.Max ?? MemoryType.MaxPages32, storeMax);

        Engine.EnsureNativeRuntime();
        reservation = store.Own(ReservedMemory.Reserve(ReservationSize));
        definition = store.Own(NativeBlock.Allocate(VMMemoryDefinition.Size));
        *(nint*)(definition.Address + VMMemoryDefinition.Base) = reservation.Address;
        if (limits.Min > 0)
            reservation.Commit(0, (nuint)(limits.Min * MemoryType.PageSize));
        Length = limits.Min * MemoryType.PageSize;
    }

    /// <inheritdoc />
    public override ExternalKind Kind => ExternalKind.Memory;

    /// <summary>The type the memory was created with (its minimum is the initial size).</summary>
    public MemoryType Type { get; }

    /// <summary>The current type: current size as the minimum, the declared maximum and shared flag.</summary>
    public MemoryType CurrentType => new(new Limits(Pages, Type.Limits.Max), Type.Shared);

    /// <inheritdoc />
    public override string TypeDescription => $"memory {CurrentType}";

    /// <summary>Current size in pages of 64 KiB.</summary>
    public ulong Pages => Length / MemoryType.PageSize;

    /// <summary>Current size in bytes.</summary>
    public ulong Length
    {
        get => *(ulong*)(DefinitionAddress + VMMemoryDefinition.LengthInBytes);
        private set => *(ulong*)(DefinitionAddress + VMMemoryDefinition.LengthInBytes) = value;
    }

    /// <summary>The most pages the memory may grow to (declared maximum and store limit).</summary>
    public ulong MaximumPages => maxPages;

    /// <summary>Start of the linear memory.</summary>
    public nint BaseAddress => reservation.Address;

    /// <summary>Address of the VMMemoryDefinition that VMContexts point to.</summary>
    internal nint DefinitionAddress => definition.Address;

    /// <summary>The whole memory as a span; throws when it is larger than a span can be (use <see cref="GetSpan"/>).</summary>
    public Span<byte> Span
    {
        get
        {
            ulong length = Length;
            if (length > int.MaxValue)
                throw new InvalidOperationException($"the memory is {length} bytes, too large for one span; use GetSpan");
            return new Span<byte>((void*)BaseAddress, (int)length);
        }
    }

    /// <summary>Bytes [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>); the span is
    /// invalid once the store is disposed.</summary>
    public Span<byte> GetSpan(ulong offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new Span<byte>((void*)Checked(offset, (ulong)length), length);
    }

    /// <summary>Grows by <paramref name="deltaPages"/>; returns the old size in pages, or false when the maximum,
    /// the store limit or the system refuses (as memory.grow returning -1).</summary>
    public bool TryGrow(ulong deltaPages, out ulong oldPages)
    {
        Store.ThrowIfDisposed();
        oldPages = Pages;
        if (deltaPages == 0)
            return true;
        if (deltaPages > maxPages || oldPages > maxPages - deltaPages)
            return false;
        ulong oldBytes = oldPages * MemoryType.PageSize;
        ulong newBytes = (oldPages + deltaPages) * MemoryType.PageSize;
        if (Store.Limiter is { } limiter && !limiter.MemoryGrowing(oldBytes, newBytes, Type.Limits.Max * MemoryType.PageSize))
            return false;
        if (NativeRuntime.kilnrt_commit(BaseAddress + (nint)oldBytes, (nuint)(newBytes - oldBytes)) != 0)
            return false;
        Length = newBytes;
        return true;
    }

    /// <summary>Grows by <paramref name="deltaPages"/> and returns the old size in pages; throws when growth fails.</summary>
    public ulong Grow(ulong deltaPages) =>
        TryGrow(deltaPages, out ulong old) ? old
        : throw new InvalidOperationException($"cannot grow the memory from {Pages} by {deltaPages} pages (maximum {maxPages})");

    /// <summary>Copies bytes out of the memory.</summary>
    public void Read(ulong offset, Span<byte> destination) =>
        new ReadOnlySpan<byte>((void*)Checked(offset, (ulong)destination.Length), destination.Length).CopyTo(destination);

    /// <summary>Copies bytes into the memory.</summary>
    public void Write(ulong offset, ReadOnlySpan<byte> source) =>
        source.CopyTo(new Span<byte>((void*)Checked(offset, (ulong)source.Length), source.Length));

    /// <summary>Reads a byte.</summary>
    public byte ReadByte(ulong offset) => *(byte*)Checked(offset, 1);

    /// <summary>Writes a byte.</summary>
    public void WriteByte(ulong offset, byte value) => *(byte*)Checked(offset, 1) = value;

    /// <summary>Reads a little-endian 16-bit integer.</summary>
    public short ReadInt16(ulong offset) => BinaryPrimitives.ReadInt16LittleEndian(Bytes(offset, 2));

    /// <summary>Writes a little-endian 16-bit integer.</summary>
    public void WriteInt16(ulong offset, short value) => BinaryPrimitives.WriteInt16LittleEndian(Bytes(offset, 2), value);

    /// <summary>Reads a little-endian 32-bit integer.</summary>
    public int ReadInt32(ulong offset) => BinaryPrimitives.ReadInt32LittleEndian(Bytes(offset, 4));

    /// <summary>Writes a little-endian 32-bit integer.</summary>
    public void WriteInt32(ulong offset, int value) => BinaryPrimitives.WriteInt32LittleEndian(Bytes(offset, 4), value);

    /// <summary>Reads a little-endian 64-bit integer.</summary>
    public long ReadInt64(ulong offset) => BinaryPrimitives.ReadInt64LittleEndian(Bytes(offset, 8));

    /// <summary>Writes a little-endian 64-bit integer.</summary>
    public void WriteInt64(ulong offset, long value) => BinaryPrimitives.WriteInt64LittleEndian(Bytes(offset, 8), value);

    /// <summary>Reads a little-endian f32.</summary>
    public float ReadSingle(ulong offset) => BinaryPrimitives.ReadSingleLittleEndian(Bytes(offset, 4));

    /// <summary>Writes a little-endian f32.</summary>
    public void WriteSingle(ulong offset, float value) => BinaryPrimitives.WriteSingleLittleEndian(Bytes(offset, 4), value);

    /// <summary>Reads a little-endian f64.</summary>
    public double ReadDouble(ulong offset) => BinaryPrimitives.ReadDoubleLittleEndian(Bytes(offset, 8));

    /// <summary>Writes a little-endian f64.</summary>
    public void WriteDouble(ulong offset, double value) => BinaryPrimitives.WriteDoubleLittleEndian(Bytes(offset, 8), value);

    private Span<byte> Bytes(ulong offset, int length) => new((void*)Checked(offset, (ulong)length), length);

    /// <summary>The address of [offset, offset + length) after checking it lies inside the memory.</summary>
    private nint Checked(ulong offset, ulong length)
    {
        Store.ThrowIfDisposed();
        ulong size = Length;
        if (offset > size || length > size - offset)
            throw new Trap(TrapCode.HeapOutOfBounds);
        return BaseAddress + (nint)offset;
    }

    /// <summary>Whether [offset, offset + length) lies inside the memory (builtins' check; no throwing).</summary>
    internal bool InBounds(ulong offset, ulong length)
    {
        ulong size = Length;
        return offset <= size && length <= size - offset;
    }
}
