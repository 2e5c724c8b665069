using Kiln.Compiler.VmContext;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Tests.Api;

/// <summary>The dispatcher called as a wasm-to-host trampoline calls it: (host context, slots, count) -> status.</summary>
public sealed unsafe class HostDispatcherTests
{
    private static readonly delegate* unmanaged<nint, nint, int, int> Dispatch =
        (delegate* unmanaged<nint, nint, int, int>)HostDispatcher.Address;

    private readonly Engine engine = new();

    /// <summary>The host context of an import as the importer's VMContext holds it.</summary>
    private static nint HostContextOfImport(Instance instance, uint funcIndex)
    {
        nint import = instance.VmContext + instance.Module.Layout.ImportedFunctionOffset(funcIndex);
        nint vmHostFuncContext = *(nint*)(import + VMImportedFunction.Vmctx);
        Assert.Equal(HostDispatcher.Address, *(nint*)(vmHostFuncContext + VMHostFuncContext.Dispatcher));
        return *(nint*)(vmHostFuncContext + VMHostFuncContext.HostContext);
    }

    [Fact]
    public void ConvertsArgumentsAndWritesResultsFromSlotZero()
    {
        using var store = new Store(engine);
        Caller? seen = null;
        var add = Func.FromCallback(store, new FuncType([ValType.I32, ValType.I64, ValType.F64], [ValType.I64, ValType.F32]), (caller, args, results) =>
        {
            seen = caller;
            results[0] = Value.I64(args[0].AsI32() + args[1].AsI64());
            results[1] = Value.F32((float)args[2].AsF64());
        });
        var instance = Instance.Create(store, Module.FromText(engine, """
            (module (import "h" "add" (func (param i32 i64 f64) (result i64 f32))) (memory (export "memory") 1))
            """), [add]);
        nint context = HostContextOfImport(instance, 0);

        var slots = stackalloc ulong[6];
        slots[0] = unchecked((uint)-3);
        slots[2] = 10;
        slots[4] = BitConverter.DoubleToUInt64Bits(2.5);
        Assert.Equal(0, Dispatch(context, (nint)slots, 3));
        Assert.Equal(7L, (long)slots[0]);
        Assert.Equal(2.5f, BitConverter.UInt32BitsToSingle((uint)slots[2]));
        Assert.Same(instance, seen!.Instance); // the importer is the caller
        Assert.Same(instance.GetMemory("memory"), seen.GetMemory());
        Assert.Same(store, seen.Store);
    }

    [Fact]
    public void ExceptionBecomesStatusAndIsKeptForTheTrap()
    {
        using var store = new Store(engine);
        var boom = new InvalidOperationException("boom");
        var f = Func.FromCallback(store, new FuncType([ValType.I32], []), (_, _, _) => throw boom);
        var instance = Instance.Create(store, Module.FromText(engine, "(module (import \"h\" \"f\" (func (param i32))))"), [f]);
        var slots = stackalloc ulong[2];
        Assert.NotEqual(0, Dispatch(HostContextOfImport(instance, 0), (nint)slots, 1));
        Assert.Same(boom, store.PendingException);

        // What the embedder gets once the trampoline has trapped with host_error.
        var trap = TrapFactory.FromNative(store, new Kiln.Runtime.Native.TrapInfo(Kiln.Runtime.Native.TrapKind.Raised, 0, (uint)TrapCode.HostError, 0, 0));
        Assert.Equal(TrapCode.HostError, trap.Code);
        Assert.Same(boom, trap.InnerException);
        Assert.Contains("boom", trap.Message);
        Assert.Null(store.PendingException);
    }

    [Fact]
    public void TrapThrownByHostSurfacesUnchanged()
    {
        using var store = new Store(engine);
        var inner = new Trap(TrapCode.Unreachable);
        var f = Func.FromCallback(store, FuncType.Empty, (_, _, _) => throw inner);
        var instance = Instance.Create(store, Module.FromText(engine, "(module (import \"h\" \"f\" (func)))"), [f]);
        Assert.NotEqual(0, Dispatch(HostContextOfImport(instance, 0), 0, 0));
        var trap = TrapFactory.FromNative(store, new Kiln.Runtime.Native.TrapInfo(Kiln.Runtime.Native.TrapKind.Raised, 0, (uint)TrapCode.HostError, 0, 0));
        Assert.Same(inner, trap);
    }

    [Fact]
    public void WrongResultTypeAndTooFewSlotsAreErrors()
    {
        using var store = new Store(engine);
        var f = Func.FromCallback(store, new FuncType([], [ValType.I32]), (_, _, results) => results[0] = Value.I64(1));
        var instance = Instance.Create(store, Module.FromText(engine, "(module (import \"h\" \"f\" (func (result i32))))"), [f]);
        var slots = stackalloc ulong[2];
        nint context = HostContextOfImport(instance, 0);
        Assert.NotEqual(0, Dispatch(context, (nint)slots, 1));
        Assert.IsType<InvalidOperationException>(store.TakePendingException());
        Assert.NotEqual(0, Dispatch(context, (nint)slots, 0));
        Assert.Contains("slots", store.TakePendingException()!.Message);
    }

    [Fact]
    public void ReferencesCrossAsRawValues()
    {
        using var store = new Store(engine);
        object? received = null;
        var f = Func.FromCallback(store, new FuncType([ValType.ExternRef, ValType.FuncRef], [ValType.FuncRef]), (_, args, results) =>
        {
            received = args[0].AsExternRef();
            results[0] = args[1];
        });
        var instance = Instance.Create(store, Module.FromText(engine, """
            (module (import "h" "f" (func (param externref funcref) (result funcref))) (func $g (export "g")))
            """), [f]);
        var g = instance.GetFunc("g")!;
        var host = new object();
        var slots = stackalloc ulong[4];
        slots[0] = (ulong)store.ExternToRaw(host);
        slots[2] = (ulong)g.FuncRefAddress;
        Assert.Equal(0, Dispatch(HostContextOfImport(instance, 0), (nint)slots, 2));
        Assert.Same(host, received);
        Assert.Equal((ulong)g.FuncRefAddress, slots[0]);
    }

    [Fact]
    public void HostFunctionCalledFromTheHostDirectly()
    {
        using var store = new Store(engine);
        var f = Func.FromCallback(store, new FuncType([ValType.I32, ValType.I32], [ValType.I32]), (caller, args, results) =>
        {
            Assert.Null(caller.Instance);
            results[0] = Value.I32(args[0].AsI32() * args[1].AsI32());
        });
        Assert.Equal(42, f.Call(6, 7)[0].AsI32());
        Assert.Throws<ArgumentException>(() => f.Call(6));
        Assert.Throws<ArgumentException>(() => f.Call(6, 7L));
    }

    [Fact]
    public void DeadContextIsRefused()
    {
        var store = new Store(engine);
        var f = Func.FromCallback(store, FuncType.Empty, (_, _, _) => { });
        var instance = Instance.Create(store, Module.FromText(engine, "(module (import \"h\" \"f\" (func)))"), [f]);
        nint context = HostContextOfImport(instance, 0);
        store.Dispose();
        // The handle is freed; a stale trampoline must not crash the process. Resolving a freed GCHandle is
        // not something to rely on, so only the status contract is checked with a null context.
        Assert.Equal(2, Dispatch(0, 0, 0));
        Assert.NotEqual(0, context);
    }
}
