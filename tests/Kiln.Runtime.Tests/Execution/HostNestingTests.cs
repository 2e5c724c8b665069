using Kiln.Wasm.Model;

namespace Kiln.Runtime.Tests.Execution;

/// <summary>host → wasm → host → wasm: results, traps unwinding to the right caller, host exceptions.</summary>
public sealed class HostNestingTests : IDisposable
{
    private readonly Engine engine = new();
    private readonly Store store;

    public HostNestingTests() => store = new Store(engine);

    public void Dispose() => store.Dispose();

    private const string Wat = """
        (module
          (import "host" "call" (func $host (param i32) (result i32)))
          (func (export "outer") (param i32) (result i32) (i32.add (call $host (local.get 0)) (i32.const 1000)))
          (func (export "inner") (param i32) (result i32)
            (if (i32.eqz (local.get 0)) (then unreachable))
            (i32.mul (local.get 0) (i32.const 2))))
        """;

    private Instance Build(Func<Caller, int, int> host)
    {
        var linker = new Linker(engine);
        linker.DefineFunction("host", "call", new FuncType([ValType.I32], [ValType.I32]),
            (caller, args, results) => results[0] = Value.I32(host(caller, args[0].AsI32())));
        return Execution.Wat.Instantiate(store, Wat, linker);
    }

    [Fact]
    public void NestedCallsReturnThroughEveryLevel()
    {
        var i = Build((caller, x) => caller.GetFunc("inner")!.Call(x)[0].AsI32() + 1);
        Assert.Equal(1011, i.GetFunc("outer")!.Call(5)[0].AsI32());
    }

    [Fact]
    public void AnInnerTrapCaughtByTheHostDoesNotUnwindTheOuterCall()
    {
        Trap? inner = null;
        var i = Build((caller, x) =>
        {
            inner = Assert.Throws<Trap>(() => caller.GetFunc("inner")!.Call(0));
            return caller.GetFunc("inner")!.Call(x)[0].AsI32();
        });
        Assert.Equal(1006, i.GetFunc("outer")!.Call(3)[0].AsI32());
        Assert.Equal(TrapCode.Unreachable, inner!.Code);
    }

    [Fact]
    public void AnInnerTrapNotCaughtReachesTheOutermostCaller()
    {
        var i = Build((caller, _) => caller.GetFunc("inner")!.Call(0)[0].AsI32());
        var t = Assert.Throws<Trap>(() => i.GetFunc("outer")!.Call(1));
        Assert.Equal(TrapCode.Unreachable, t.Code);
        Assert.Equal(1002, Build((caller, x) => x).GetFunc("outer")!.Call(2)[0].AsI32());
    }

    [Fact]
    public void AHostExceptionBecomesATrapWithIt()
    {
        var boom = new InvalidOperationException("boom");
        var i = Build((_, _) => throw boom);
        var t = Assert.Throws<Trap>(() => i.GetFunc("outer")!.Call(1));
        Assert.Equal(TrapCode.HostError, t.Code);
        Assert.Same(boom, t.InnerException);
        Assert.Contains("boom", t.Message);
    }

    [Fact]
    public void DeepMutualRecursionThroughTheHostExhaustsCleanly()
    {
        Instance? self = null;
        self = Build((caller, x) => self!.GetFunc("outer")!.Call(x + 1)[0].AsI32());
        var t = Assert.Throws<Trap>(() => self.GetFunc("outer")!.Call(0));
        Assert.Equal(TrapCode.StackOverflow, t.Code);
        Assert.Equal(1002, Build((caller, x) => x).GetFunc("outer")!.Call(2)[0].AsI32());
    }
}
