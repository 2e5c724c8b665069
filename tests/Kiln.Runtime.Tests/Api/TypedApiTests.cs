using Kiln.Runtime.Tests.Native;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Tests.Api;

public sealed class TypedApiTests
{
    [Fact]
    public void WrappedDelegatesHaveTheMatchingWasmType()
    {
        using var store = new Store(new Engine());
        var f = HostFuncFactory.Wrap(store, (int a, long b) => a + b);
        Assert.Equal(new FuncType([ValType.I32, ValType.I64], [ValType.I64]), f.Type);
        Assert.Equal(5L, f.Call(2, 3L)[0].AsI64());
        Assert.Equal(new FuncType([ValType.F32, ValType.F64, ValType.ExternRef], [ValType.FuncRef]),
            HostFuncFactory.Wrap(store, (float _, double _, object _) => (Func)null!).Type);
        Assert.Throws<NotSupportedException>(() => HostFuncFactory.Wrap(store, (string s) => 1));
    }

    [Fact]
    public void TypedViewsCheckTheTypeOnce()
    {
        using var store = new Store(new Engine());
        var f = HostFuncFactory.Wrap(store, (int a, int b) => a * b);
        var typed = f.AsFunc<int, int, int>();
        Assert.Equal(42, typed(6, 7));
        Assert.Throws<InvalidCastException>(() => f.AsFunc<long, int, int>());
        Assert.Throws<InvalidCastException>(() => f.AsAction<int, int>());
        object? seen = null;
        var sink = HostFuncFactory.Wrap(store, (object o) => { seen = o; });
        sink.AsAction<object>()("x");
        Assert.Equal("x", seen);
    }

    [X64Fact]
    public void TypedCallsIntoWasmDoNotAllocate()
    {
        using var engine = new CallFixture();
        var add = engine.Instance.GetFunc("add")!.AsFunc<int, int, int>();
        Assert.Equal(3, add(1, 2));
        long before = GC.GetAllocatedBytesForCurrentThread();
        int sum = 0;
        for (int i = 0; i < 1000; i++)
            sum = add(sum, 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000, sum);
        Assert.Equal(0, allocated);
    }

    /// <summary>The hand-written module instantiated in its own store.</summary>
    private sealed class CallFixture : IDisposable
    {
        private readonly Engine engine = new();
        private readonly Store store;
        private readonly HandWrittenCode code;

        public CallFixture()
        {
            store = new Store(engine);
            var parsed = Kiln.Wasm.Text.WatParser.ParseModule(HandWrittenCode.Wat);
            parsed.CountImports();
            code = new HandWrittenCode(new Kiln.Compiler.VmContext.VmContextLayout(parsed));
            var linker = new Linker(engine).DefineFunction("h", "double", new FuncType([ValType.I32], [ValType.I32]), (_, a, r) => r[0] = a[0]);
            Instance = linker.Instantiate(store, new Module(engine, parsed, code));
        }

        public Instance Instance { get; }

        public void Dispose()
        {
            store.Dispose();
            engine.UnregisterCode(code.CodeMap!);
            code.Dispose();
        }
    }
}
