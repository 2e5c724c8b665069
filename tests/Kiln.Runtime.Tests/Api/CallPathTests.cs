using Kiln.Runtime.Tests.Native;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Tests.Api;

/// <summary>Func.Call through kilnrt_call, trampolines, builtins and the host dispatcher, with hand-written code.</summary>
public sealed class CallPathTests : IDisposable
{
    private readonly Engine engine = new();
    private readonly Store store;
    private readonly HandWrittenCode code;
    private readonly Instance instance;
    private Func<int, int> hostImpl = x => 2 * x;
    private Caller? lastCaller;

    public CallPathTests()
    {
        store = new Store(engine);
        var parsed = Kiln.Wasm.Text.WatParser.ParseModule(HandWrittenCode.Wat);
        parsed.CountImports();
        code = new HandWrittenCode(new Kiln.Compiler.VmContext.VmContextLayout(parsed));
        var module = new Module(engine, parsed, code);
        var linker = new Linker(engine);
        linker.DefineFunction("h", "double", new FuncType([ValType.I32], [ValType.I32]), (caller, args, results) =>
        {
            lastCaller = caller;
            results[0] = Value.I32(hostImpl(args[0].AsI32()));
        });
        instance = linker.Instantiate(store, module);
    }

    public void Dispose()
    {
        store.Dispose();
        engine.UnregisterCode(code.CodeMap!);
        code.Dispose();
    }

    [X64Fact]
    public void CallsWasmWithSlots()
    {
        var add = instance.GetFunc("add")!;
        Assert.Equal(5, add.Call(2, 3)[0].AsI32());
        Span<Value> results = new Value[1];
        add.Call([Value.I32(-1), Value.I32(int.MinValue)], results);
        Assert.Equal(int.MaxValue, results[0].AsI32());
        Assert.Throws<ArgumentException>(() => add.Call(1));
        Assert.Throws<ArgumentException>(() => add.Call(1, 2L));
    }

    [X64Fact]
    public void SignalTrapsMapThroughTheTrapTable()
    {
        var trap = Assert.Throws<Trap>(() => instance.GetFunc("trap")!.Call());
        Assert.Equal(TrapCode.Unreachable, trap.Code);
        Assert.StartsWith("unreachable", trap.Message);
        Assert.Equal(new TrapFrame(2, "trap", HandWrittenCode.UnreachableOffset), Assert.Single(trap.Backtrace));

        var load = instance.GetFunc("load")!;
        var memory = instance.GetMemory("mem")!;
        memory.WriteInt32(65532, 77);
        Assert.Equal(77, load.Call(65532)[0].AsI32());
        trap = Assert.Throws<Trap>(() => load.Call(65533)); // straddles the end of the committed page
        Assert.Equal(TrapCode.HeapOutOfBounds, trap.Code);
        Assert.Equal("out of bounds memory access", trap.Message);
        Assert.Equal(new TrapFrame(3, "load", HandWrittenCode.LoadFaultOffset), Assert.Single(trap.Backtrace));
        Assert.Throws<Trap>(() => load.Call(-1)); // 4 GiB - 1: the guard region
        Assert.Equal(77, load.Call(65532)[0].AsI32()); // the store still works after traps
    }

    [X64Fact]
    public void GrowThroughTheBuiltinsTableMakesMoreMemoryAccessible()
    {
        var grow = instance.GetFunc("grow")!;
        var load = instance.GetFunc("load")!;
        Assert.Throws<Trap>(() => load.Call(65536));
        Assert.Equal(1, grow.Call(1)[0].AsI32());
        Assert.Equal(0, load.Call(65536)[0].AsI32());
        Assert.Equal(-1, grow.Call(2)[0].AsI32()); // maximum 3
        Assert.Equal(2, grow.Call(0)[0].AsI32());
    }

    [X64Fact]
    public void WasmCallsTheHostThroughTheDispatcher()
    {
        var callHost = instance.GetFunc("callHost")!;
        Assert.Equal(42, callHost.Call(21)[0].AsI32());
        Assert.Same(instance, lastCaller!.Instance);

        var boom = new InvalidOperationException("boom");
        hostImpl = _ => throw boom;
        var trap = Assert.Throws<Trap>(() => callHost.Call(1));
        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.Same(boom, trap.InnerException);

        // A host function that calls back into wasm, which traps: the inner trap surfaces unchanged.
        hostImpl = x => instance.GetFunc("load")!.Call(x)[0].AsI32();
        var inner = Assert.Throws<Trap>(() => callHost.Call(1 << 20));
        Assert.Equal(TrapCode.HeapOutOfBounds, inner.Code);
        hostImpl = x => instance.GetFunc("add")!.Call(x, 1)[0].AsI32();
        Assert.Equal(11, callHost.Call(10)[0].AsI32());
        Assert.Equal(0u, Kiln.Runtime.Native.NativeRuntime.EntryDepth);
    }

    [X64Fact]
    public void StartFunctionRunsAtInstantiationAndItsTrapFailsIt()
    {
        string wat = HandWrittenCode.Wat;
        wat = wat[..wat.LastIndexOf(')')] + " (start $trap) (data (i32.const 0) \"kept\"))";
        var parsed = Kiln.Wasm.Text.WatParser.ParseModule(wat);
        parsed.CountImports();
        using var startCode = new HandWrittenCode(new Kiln.Compiler.VmContext.VmContextLayout(parsed));
        var module = new Module(engine, parsed, startCode);
        try
        {
            var trap = Assert.Throws<Trap>(() => Instance.Create(store, module, [instance.GetFunction(0)]));
            Assert.Equal(TrapCode.Unreachable, trap.Code);
            // The instance was allocated and its data segment written before the start function ran.
            Assert.Equal("kept"u8.ToArray(), store.Instances[^1].GetMemory("mem")!.GetSpan(0, 4).ToArray());
        }
        finally
        {
            engine.UnregisterCode(startCode.CodeMap!);
        }
    }

    [X64Fact]
    public void HostFunctionInATableGetsTheTrampolineOfItsSignature()
    {
        var f = Func.FromCallback(store, new FuncType([ValType.I32], [ValType.I32]), (_, a, r) => r[0] = a[0]);
        Assert.NotEqual(0, System.Runtime.InteropServices.Marshal.ReadIntPtr(f.FuncRefAddress));
        var g = Func.FromCallback(store, new FuncType([ValType.F64], []), (_, _, _) => { });
        Assert.Equal(0, System.Runtime.InteropServices.Marshal.ReadIntPtr(g.FuncRefAddress)); // no module provides one

        // Once the code is unregistered, its trampolines are no longer handed out.
        engine.UnregisterCode(code.CodeMap!);
        var h = Func.FromCallback(store, new FuncType([ValType.I32], [ValType.I32]), (_, a, r) => r[0] = a[0]);
        Assert.Equal(0, System.Runtime.InteropServices.Marshal.ReadIntPtr(h.FuncRefAddress));
        engine.RegisterCode(code.CodeMap!);
    }
}
