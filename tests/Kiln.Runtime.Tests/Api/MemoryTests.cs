using Kiln.Compiler.VmContext;
using Kiln.Runtime.Native;
using Kiln.Runtime.Tests.Native;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Tests.Api;

public sealed unsafe class MemoryTests
{
    private const ulong Page = MemoryType.PageSize;

    private static readonly ulong GuardOffset = (1UL << 32) + 0xffff;

    private static MemoryType Type(ulong min, ulong? max = null) => new(new Limits(min, max));

    [Fact]
    public void NewMemoryIsZeroedAndDescribedByItsDefinition()
    {
        using var store = new Store(new Engine());
        var memory = new Memory(store, Type(2, 5));
        Assert.Equal(2UL, memory.Pages);
        Assert.Equal(2 * Page, memory.Length);
        Assert.Equal(5UL, memory.MaximumPages);
        Assert.True(memory.Span.ToArray().All(b => b == 0));
        Assert.Equal(memory.BaseAddress, *(nint*)(memory.DefinitionAddress + VMMemoryDefinition.Base));
        Assert.Equal(2 * Page, *(ulong*)(memory.DefinitionAddress + VMMemoryDefinition.LengthInBytes));
    }

    [Fact]
    public void GrowsInPlaceUpToTheMaximum()
    {
        using var store = new Store(new Engine());
        var memory = new Memory(store, Type(1, 3));
        nint baseAddress = memory.BaseAddress;
        memory.WriteInt32(Page - 4, 0x12345678);
        Assert.True(memory.TryGrow(0, out ulong old));
        Assert.Equal(1UL, old);
        Assert.True(memory.TryGrow(2, out old));
        Assert.Equal(1UL, old);
        Assert.Equal(3UL, memory.Pages);
        Assert.Equal(baseAddress, memory.BaseAddress); // never moves
        Assert.Equal(0x12345678, memory.ReadInt32(Page - 4));
        memory.WriteInt64(3 * Page - 8, -1); // the new pages are writable
        Assert.Equal(3 * Page, *(ulong*)(memory.DefinitionAddress + VMMemoryDefinition.LengthInBytes));
        Assert.False(memory.TryGrow(1, out _));
        Assert.Equal(3UL, memory.Pages);
        Assert.Throws<InvalidOperationException>(() => memory.Grow(1));
    }

    [Fact]
    public void WithoutMaximumGrowsTo4GiBButNotBeyond()
    {
        using var store = new Store(new Engine());
        var memory = new Memory(store, Type(0));
        Assert.Equal(MemoryType.MaxPages32, memory.MaximumPages);
        Assert.False(memory.TryGrow(MemoryType.MaxPages32 + 1, out _));
        Assert.False(memory.TryGrow(ulong.MaxValue, out _)); // no overflow
        Assert.Equal(0UL, memory.Grow(1));
    }

    [Fact]
    public void StoreLimitCapsGrowthAndCreation()
    {
        using var store = new Store(new Engine(), new StoreLimits { MaxMemoryBytes = 4 * Page });
        var memory = new Memory(store, Type(1));
        Assert.Equal(4UL, memory.MaximumPages);
        Assert.True(memory.TryGrow(3, out _));
        Assert.False(memory.TryGrow(1, out _));
        Assert.Throws<ResourceLimitException>(() => new Memory(store, Type(5)));
    }

    [Fact]
    public void RejectsInvalidTypes()
    {
        using var store = new Store(new Engine());
        Assert.Throws<ArgumentException>(() => new Memory(store, Type(2, 1)));
        Assert.Throws<ArgumentException>(() => new Memory(store, Type(65537)));
    }

    [Fact]
    public void TypedAccessorsAreLittleEndianAndBoundsChecked()
    {
        using var store = new Store(new Engine());
        var memory = new Memory(store, Type(1));
        memory.WriteInt32(0, 0x01020304);
        Assert.Equal(4, memory.ReadByte(0));
        Assert.Equal(1, memory.ReadByte(3));
        memory.WriteDouble(8, 1.5);
        Assert.Equal(1.5, memory.ReadDouble(8));
        memory.WriteSingle(16, -2.25f);
        Assert.Equal(-2.25f, memory.ReadSingle(16));
        memory.WriteInt16(20, -2);
        Assert.Equal(-2, memory.ReadInt16(20));
        memory.Write(100, [9, 8, 7]);
        var buffer = new byte[3];
        memory.Read(100, buffer);
        Assert.Equal([9, 8, 7], buffer);
        Assert.Equal([9, 8, 7], memory.GetSpan(100, 3).ToArray());

        memory.WriteInt32(Page - 4, 1); // the last word is fine
        var e = Assert.Throws<Trap>(() => memory.WriteInt32(Page - 3, 1));
        Assert.Equal(TrapCode.HeapOutOfBounds, e.Code);
        Assert.Throws<Trap>(() => memory.ReadInt64(Page - 7));
        Assert.Throws<Trap>(() => memory.ReadByte(Page));
        Assert.Throws<Trap>(() => memory.ReadByte(ulong.MaxValue));
        Assert.Throws<Trap>(() => memory.Write(Page - 1, [1, 2]));
        Assert.Throws<Trap>(() => memory.GetSpan(ulong.MaxValue - 1, 4));
    }

    [Fact]
    public void TheWholeReservationIsMappedAndOnlyTheCommittedPrefixIsAccessible()
    {
        using var store = new Store(new Engine());
        var memory = new Memory(store, Type(1, 4));
        var start = (ulong)memory.BaseAddress;
        ulong reserved = VmContextLayout.MemoryReservation + VmContextLayout.MemoryGuard;
        // Adjacent reservations of other tests may merge into the same kernel mapping, so check addresses, not bounds.
        var maps = ProcMaps.Read();
        Assert.Equal("--", ProcMaps.ProtectionAt(maps, start + reserved - 1));
        Assert.Equal("rw", ProcMaps.ProtectionAt(maps, start));
        Assert.Equal("rw", ProcMaps.ProtectionAt(maps, start + Page - 1));
        Assert.Equal("--", ProcMaps.ProtectionAt(maps, start + Page));
        Assert.Equal("--", ProcMaps.ProtectionAt(maps, start + (1UL << 32) + 8)); // the guard after 4 GiB

        memory.Grow(1);
        maps = ProcMaps.Read();
        Assert.Equal("rw", ProcMaps.ProtectionAt(maps, start + 2 * Page - 1));
        Assert.Equal("--", ProcMaps.ProtectionAt(maps, start + 2 * Page));
    }

    [X64Fact]
    public void NativeLoadPastTheCommittedSizeFaults()
    {
        using var store = new Store(new Engine());
        var memory = new Memory(store, Type(1, 2));
        // TestCode.Load is `mov eax, [rsi]` in registered code: a fault there is reported, not fatal.
        Assert.Equal(TrapKind.None, NativeRuntime.Call(TestCode.At(TestCode.Load), 0, memory.BaseAddress + (nint)(Page - 4), out _));
        var kind = NativeRuntime.Call(TestCode.At(TestCode.Load), 0, memory.BaseAddress + (nint)Page, out var trap);
        Assert.Equal(TrapKind.Signal, kind);
        Assert.Equal((ulong)(memory.BaseAddress + (nint)Page), trap.FaultAddress);

        // Far past the end: index u32 max plus offset, in the guard region.
        kind = NativeRuntime.Call(TestCode.At(TestCode.Load), 0, memory.BaseAddress + (nint)GuardOffset, out trap);
        Assert.Equal(TrapKind.Signal, kind);

        memory.Grow(1);
        Assert.Equal(TrapKind.None, NativeRuntime.Call(TestCode.At(TestCode.Load), 0, memory.BaseAddress + (nint)Page, out _));
    }
}
