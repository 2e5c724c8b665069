namespace Kiln.Runtime.Tests.Api;

public sealed class TrapTableTests
{
    [Fact]
    public void LooksUpExactOffsets()
    {
        var table = new TrapTable([(40, TrapCode.HeapOutOfBounds), (8, TrapCode.IntegerDivisionByZero), (100, TrapCode.Unreachable)]);
        Assert.Equal(3, table.Count);
        Assert.True(table.TryLookup(8, out var code));
        Assert.Equal(TrapCode.IntegerDivisionByZero, code);
        Assert.True(table.TryLookup(100, out code));
        Assert.Equal(TrapCode.Unreachable, code);
        Assert.False(table.TryLookup(9, out code));
        Assert.Equal(TrapCode.None, code);
        Assert.False(table.TryLookup(0, out _));
        Assert.False(table.TryLookup(uint.MaxValue, out _));
        Assert.False(TrapTable.Empty.TryLookup(0, out _));
        Assert.Throws<ArgumentException>(() => new TrapTable([(1, TrapCode.Unreachable), (1, TrapCode.HeapOutOfBounds)]));
    }

    [Fact]
    public void FunctionRangesFindTheContainingFunction()
    {
        var ranges = new FunctionRanges([(100, 50, 7), (0, 100, 3), (200, 10, 9)]);
        Assert.True(ranges.TryLookup(0, out uint f, out uint at));
        Assert.Equal((3u, 0u), (f, at));
        Assert.True(ranges.TryLookup(149, out f, out at));
        Assert.Equal((7u, 49u), (f, at));
        Assert.False(ranges.TryLookup(150, out _, out _)); // gap
        Assert.True(ranges.TryLookup(205, out f, out at));
        Assert.Equal((9u, 5u), (f, at));
        Assert.False(ranges.TryLookup(210, out _, out _));
        Assert.Throws<ArgumentException>(() => new FunctionRanges([(0, 10, 1), (5, 10, 2)]));
    }

    [Fact]
    public void RegistryMapsPcsToRegionsAndCodes()
    {
        var registry = new CodeRegistry();
        var a = new CodeMap(0x10000, 0x1000, new TrapTable([(0x10, TrapCode.BadSignature)]), new FunctionRanges([(0, 0x100, 0)]));
        var b = new CodeMap(0x30000, 0x1000, new TrapTable([(0x20, TrapCode.StackOverflow)]), new FunctionRanges([(0x20, 0x10, 4)]),
            new Dictionary<uint, string> { [4] = "four" });
        registry.Register(b);
        registry.Register(a);
        Assert.Same(a, registry.Find(0x10000));
        Assert.Same(a, registry.Find(0x10fff));
        Assert.Null(registry.Find(0x11000));
        Assert.Same(b, registry.Find(0x30020));
        Assert.Equal(TrapCode.BadSignature, registry.TrapCodeAt(0x10010));
        Assert.Equal(TrapCode.StackOverflow, registry.TrapCodeAt(0x30020));
        Assert.Equal(TrapCode.None, registry.TrapCodeAt(0x30021));
        Assert.Equal(new TrapFrame(4, "four", 3), b.FrameAt(0x30023));
        Assert.Null(a.FrameAt(0x10200));
        Assert.Throws<ArgumentException>(() => registry.Register(new CodeMap(0x10800, 0x1000, TrapTable.Empty, FunctionRanges.Empty)));
        registry.Unregister(a);
        Assert.Null(registry.Find(0x10000));
    }
}
