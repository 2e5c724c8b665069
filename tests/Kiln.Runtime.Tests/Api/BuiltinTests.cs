using Kiln.Compiler.VmContext;
using Kiln.Runtime.Builtins;

namespace Kiln.Runtime.Tests.Api;

/// <summary>The builtins called as generated code calls them: through the table's function pointers, with a vmctx.</summary>
public sealed unsafe class BuiltinTests
{
    private const int Ok = 0, Oob = 1;

    private static readonly delegate* unmanaged<nint, int, int, int> MemoryGrow =
        (delegate* unmanaged<nint, int, int, int>)BuiltinTable.Get(Builtin.MemoryGrow);
    private static readonly delegate* unmanaged<nint, int, int, int, int, int> MemoryFill =
        (delegate* unmanaged<nint, int, int, int, int, int>)BuiltinTable.Get(Builtin.MemoryFill);
    private static readonly delegate* unmanaged<nint, int, int, int, int, int, int> MemoryCopy =
        (delegate* unmanaged<nint, int, int, int, int, int, int>)BuiltinTable.Get(Builtin.MemoryCopy);
    private static readonly delegate* unmanaged<nint, int, int, int, int, int, int> MemoryInit =
        (delegate* unmanaged<nint, int, int, int, int, int, int>)BuiltinTable.Get(Builtin.MemoryInit);
    private static readonly delegate* unmanaged<nint, int, void> DataDrop =
        (delegate* unmanaged<nint, int, void>)BuiltinTable.Get(Builtin.DataDrop);
    private static readonly delegate* unmanaged<nint, int, nint, int, int> TableGrow =
        (delegate* unmanaged<nint, int, nint, int, int>)BuiltinTable.Get(Builtin.TableGrow);
    private static readonly delegate* unmanaged<nint, int, int, nint, int, int> TableFill =
        (delegate* unmanaged<nint, int, int, nint, int, int>)BuiltinTable.Get(Builtin.TableFill);
    private static readonly delegate* unmanaged<nint, int, int, int, int, int, int> TableCopy =
        (delegate* unmanaged<nint, int, int, int, int, int, int>)BuiltinTable.Get(Builtin.TableCopy);
    private static readonly delegate* unmanaged<nint, int, int, int, int, int, int> TableInit =
        (delegate* unmanaged<nint, int, int, int, int, int, int>)BuiltinTable.Get(Builtin.TableInit);
    private static readonly delegate* unmanaged<nint, int, void> ElemDrop =
        (delegate* unmanaged<nint, int, void>)BuiltinTable.Get(Builtin.ElemDrop);

    private readonly Engine engine = new();

    private Instance MemoryInstance(Store store, string max = "3") => Instance.Create(store, Module.FromText(engine, $$"""
        (module (memory (export "mem") 1 {{max}}) (data $d "abcdef") (data $e ""))
        """), []);

    [Fact]
    public void MemoryGrowReturnsOldPagesOrMinusOne()
    {
        using var store = new Store(engine);
        var instance = MemoryInstance(store);
        nint vmctx = instance.VmContext;
        Assert.Equal(1, MemoryGrow(vmctx, 0, 0));
        Assert.Equal(1, MemoryGrow(vmctx, 0, 2));
        Assert.Equal(3UL, instance.GetMemory("mem")!.Pages);
        Assert.Equal(-1, MemoryGrow(vmctx, 0, 1));
        Assert.Equal(-1, MemoryGrow(vmctx, 0, -1)); // 0xffffffff pages: far beyond any maximum
        Assert.Equal(3, MemoryGrow(vmctx, 0, 0));
    }

    [Fact]
    public void MemoryFillChecksBoundsBeforeWriting()
    {
        using var store = new Store(engine);
        var instance = MemoryInstance(store);
        var memory = instance.GetMemory("mem")!;
        nint vmctx = instance.VmContext;
        Assert.Equal(Ok, MemoryFill(vmctx, 0, 10, 0x1AB, 5)); // value truncated to a byte
        Assert.Equal(new byte[] { 0, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0 }, memory.GetSpan(9, 7).ToArray());
        Assert.Equal(Oob, MemoryFill(vmctx, 0, 65530, 7, 7));
        Assert.Equal(0, memory.ReadByte(65530)); // nothing written
        Assert.Equal(Ok, MemoryFill(vmctx, 0, 65536, 7, 0)); // zero length at the end is fine
        Assert.Equal(Oob, MemoryFill(vmctx, 0, 65537, 7, 0)); // past the end is not
        Assert.Equal(Oob, MemoryFill(vmctx, 0, -1, 7, 2)); // dst + len wraps in 32 bits, not in 64
    }

    [Fact]
    public void MemoryCopyIsOverlapSafeInBothDirections()
    {
        using var store = new Store(engine);
        var instance = MemoryInstance(store);
        var memory = instance.GetMemory("mem")!;
        nint vmctx = instance.VmContext;
        memory.Write(0, [1, 2, 3, 4, 5]);
        Assert.Equal(Ok, MemoryCopy(vmctx, 0, 0, 2, 0, 5)); // forward overlap
        Assert.Equal(new byte[] { 1, 2, 1, 2, 3, 4, 5 }, memory.GetSpan(0, 7).ToArray());
        Assert.Equal(Ok, MemoryCopy(vmctx, 0, 0, 0, 2, 5)); // backward overlap
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 4, 5 }, memory.GetSpan(0, 7).ToArray());
        Assert.Equal(Oob, MemoryCopy(vmctx, 0, 0, 65535, 0, 2));
        Assert.Equal(Oob, MemoryCopy(vmctx, 0, 0, 0, 65535, 2));
        Assert.Equal(1, memory.ReadByte(0));
        Assert.Equal(Ok, MemoryCopy(vmctx, 0, 0, 65536, 65536, 0));
    }

    [Fact]
    public void MemoryInitAndDataDrop()
    {
        using var store = new Store(engine);
        var instance = MemoryInstance(store);
        var memory = instance.GetMemory("mem")!;
        nint vmctx = instance.VmContext;
        Assert.Equal(Ok, MemoryInit(vmctx, 0, 0, 100, 2, 3));
        Assert.Equal("cde"u8.ToArray(), memory.GetSpan(100, 3).ToArray());
        Assert.Equal(Oob, MemoryInit(vmctx, 0, 0, 200, 4, 3)); // past the segment
        Assert.Equal(0, memory.ReadByte(200));
        Assert.Equal(Oob, MemoryInit(vmctx, 0, 0, 65535, 0, 2)); // past the memory
        Assert.Equal(Ok, MemoryInit(vmctx, 0, 0, 0, 6, 0));
        DataDrop(vmctx, 0);
        Assert.Equal(Ok, MemoryInit(vmctx, 0, 0, 0, 0, 0)); // a dropped segment has length 0
        Assert.Equal(Oob, MemoryInit(vmctx, 0, 0, 0, 0, 1));
        DataDrop(vmctx, 0); // dropping twice is fine
        Assert.Equal(Ok, MemoryInit(vmctx, 0, 1, 65536, 0, 0));
    }

    [Fact]
    public void TableBuiltins()
    {
        using var store = new Store(engine);
        var instance = Instance.Create(store, Module.FromText(engine, """
            (module
              (table $t (export "t") 4 6 funcref)
              (table $u (export "u") 2 externref)
              (func $a (export "a")) (func $b (export "b"))
              (elem $e func $a $b $a))
            """), []);
        var t = instance.GetTable("t")!;
        var a = instance.GetFunc("a")!;
        var b = instance.GetFunc("b")!;
        nint vmctx = instance.VmContext;

        Assert.Equal(Ok, TableInit(vmctx, 0, 0, 1, 0, 3));
        Assert.True(t.Get(0).IsNull);
        Assert.Same(a, t.Get(1).AsFuncRef());
        Assert.Same(b, t.Get(2).AsFuncRef());
        Assert.Same(a, t.Get(3).AsFuncRef());
        Assert.Equal(Oob, TableInit(vmctx, 0, 0, 2, 0, 3));
        Assert.Equal(Oob, TableInit(vmctx, 0, 0, 0, 1, 3));

        Assert.Equal(Ok, TableCopy(vmctx, 0, 0, 0, 1, 3)); // backward overlap
        Assert.Same(a, t.Get(0).AsFuncRef());
        Assert.Same(b, t.Get(1).AsFuncRef());
        Assert.Same(a, t.Get(2).AsFuncRef());
        Assert.Equal(Oob, TableCopy(vmctx, 0, 0, 2, 0, 3));

        Assert.Equal(Ok, TableFill(vmctx, 0, 3, b.FuncRefAddress, 1));
        Assert.Same(b, t.Get(3).AsFuncRef());
        Assert.Equal(Oob, TableFill(vmctx, 0, 3, 0, 2));
        Assert.Same(b, t.Get(3).AsFuncRef());

        Assert.Equal(4, TableGrow(vmctx, 0, a.FuncRefAddress, 2));
        Assert.Equal(6u, t.Size);
        Assert.Same(a, t.Get(5).AsFuncRef());
        Assert.Equal(-1, TableGrow(vmctx, 0, 0, 1)); // maximum 6
        Assert.Equal(6, TableGrow(vmctx, 0, 0, 0));
        Assert.Equal(2, TableGrow(vmctx, 1, 0, 3)); // the externref table has no maximum

        ElemDrop(vmctx, 0);
        Assert.Equal(Ok, TableInit(vmctx, 0, 0, 0, 0, 0));
        Assert.Equal(Oob, TableInit(vmctx, 0, 0, 0, 0, 1));
    }

    [Fact]
    public void UnexpectedErrorsBecomeStatusAndAreKeptForTheTrap()
    {
        using var store = new Store(engine);
        var instance = MemoryInstance(store);
        Assert.Equal(Oob, MemoryFill(instance.VmContext, 5, 0, 0, 0)); // no memory 5
        Assert.IsType<IndexOutOfRangeException>(store.TakePendingException());
        Assert.Equal(-1, MemoryGrow(instance.VmContext, 5, 1));
        Assert.NotNull(store.TakePendingException());
    }
}
