using Kiln.Runtime.Internal;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Tests.Api;

[CollectionDefinition(nameof(NativeMemoryAccounting), DisableParallelization = true)]
public sealed class NativeMemoryAccounting;

/// <summary>Runs alone: it counts the process's native blocks and mappings, which other tests change.</summary>
[Collection(nameof(NativeMemoryAccounting))]
public sealed class StoreTests
{
    private const string Wat = """
        (module
          (import "h" "f" (func))
          (memory (export "mem") 2)
          (table (export "tab") 100 funcref)
          (global (export "g") (mut i64) (i64.const 1))
          (func $a (export "a"))
          (elem (i32.const 0) $a))
        """;

    [Fact]
    public void DisposeFreesNativeMemory()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, Wat);
        CollectLeftovers();
        long before = NativeBlock.LiveBytes;
        var store = new Store(engine);
        var instance = Instance.Create(store, module, [Func.FromCallback(store, FuncType.Empty, (_, _, _) => { })]);
        var memory = instance.GetMemory("mem")!;
        var hostGlobal = new Global(store, new GlobalType(ValType.I32, true), Value.I32(1));
        ulong address = (ulong)memory.BaseAddress;
        Assert.True(NativeBlock.LiveBytes > before);
        Assert.True(ProcMaps.IsMapped(address));

        store.Dispose();
        Assert.Equal(before, NativeBlock.LiveBytes);
        Assert.False(ProcMaps.IsMapped(address));
        Assert.True(store.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => memory.ReadByte(0));
        Assert.Throws<ObjectDisposedException>(() => hostGlobal.Get());
        Assert.Throws<ObjectDisposedException>(() => instance.GetTable("tab")!.Get(0));
        Assert.Throws<ObjectDisposedException>(() => new Memory(store, new MemoryType(new Limits(1, null))));
        Assert.Throws<ObjectDisposedException>(() => Instance.Create(store, module, []));
        store.Dispose(); // idempotent
    }

    [Fact]
    public void UndisposedStoreIsFreedByFinalizers()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, Wat);
        CollectLeftovers();
        long before = NativeBlock.LiveBytes;
        ulong address = CreateAndForget(engine, module);
        Assert.True(NativeBlock.LiveBytes > before);
        for (int i = 0; i < 5 && (NativeBlock.LiveBytes != before || ProcMaps.IsMapped(address)); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.Equal(before, NativeBlock.LiveBytes);
        Assert.False(ProcMaps.IsMapped(address));
    }

    /// <summary>Finalizes stores other tests left undisposed, so they do not change the count mid-test.</summary>
    private static void CollectLeftovers()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ulong CreateAndForget(Engine engine, Module module)
    {
        var store = new Store(engine);
        var instance = Instance.Create(store, module, [Func.FromCallback(store, FuncType.Empty, (_, _, _) => { })]);
        return (ulong)instance.GetMemory("mem")!.BaseAddress;
    }
}

public sealed class StoreThreadingTests
{
    [Fact]
    public void SeparateStoresWorkOnSeparateThreadsAtOnce()
    {
        var engine = new Engine();
        var module = Module.FromText(engine, "(module (memory (export \"mem\") 1) (data (i32.const 0) \"x\") (global (export \"g\") (mut i32) (i32.const 0)))");
        Parallel.For(0, 8, i =>
        {
            using var store = new Store(engine);
            var instance = Instance.Create(store, module, []);
            for (int j = 0; j < 100; j++)
            {
                instance.GetGlobal("g")!.Set(Value.I32(j + i));
                instance.GetMemory("mem")!.WriteInt32(4, j);
            }
            Assert.Equal(99 + i, instance.GetGlobal("g")!.Get().AsI32());
            Assert.Equal((byte)'x', instance.GetMemory("mem")!.ReadByte(0));
        });
    }

    [Fact]
    public void StackLimitIsWrittenOnEntry()
    {
        using var store = new Store(new Engine(new EngineConfig { MaxWasmStack = 256 * 1024 }));
        store.EnterWasm();
        try
        {
            unsafe
            {
                byte here = 0;
                nuint sp = (nuint)(&here);
                Assert.True(store.StackLimit < sp);
                Assert.True(sp - store.StackLimit <= 256 * 1024 + 4096);
            }
        }
        finally
        {
            store.LeaveWasm();
        }
    }
}
