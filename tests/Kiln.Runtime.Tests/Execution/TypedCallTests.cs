namespace Kiln.Runtime.Tests.Execution;

/// <summary>Typed views over compiled functions: no Value arrays on the way in.</summary>
public sealed class TypedCallTests
{
    [Fact]
    public void TypedViewsCallCompiledCode()
    {
        using var store = new Store(new Engine());
        var i = Wat.Instantiate(store, """
            (module
              (global (export "g") (mut i64) (i64.const 0))
              (func (export "mad") (param i32 i32 i32) (result i32) (i32.add (i32.mul (local.get 0) (local.get 1)) (local.get 2)))
              (func (export "half") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 0.5)))
              (func (export "set") (param i64) (global.set 0 (local.get 0)))
              (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 10) (local.get 0))))
            """);
        var mad = i.GetFunc("mad")!.AsFunc<int, int, int, int>();
        var half = i.GetFunc("half")!.AsFunc<double, double>();
        var set = i.GetFunc("set")!.AsAction<long>();
        var div = i.GetFunc("div")!.AsFunc<int, int>();
        Assert.Equal(26, mad(4, 5, 6));
        Assert.Equal(1.25, half(2.5));
        set(-9);
        Assert.Equal(-9L, i.GetGlobal("g")!.Get().AsI64());
        Assert.Equal(TrapCode.IntegerDivisionByZero, Assert.Throws<Trap>(() => div(0)).Code);
        Assert.Equal(5, div(2));
    }

    [Fact]
    public void TypedViewsCarryEveryValueTypeAndReferences()
    {
        using var store = new Store(new Engine());
        var i = Wat.Instantiate(store, """
            (module
              (func (export "mix") (param i32 i64 f32 f64) (result f64)
                (f64.add (f64.add (f64.convert_i32_s (local.get 0)) (f64.convert_i64_s (local.get 1)))
                         (f64.add (f64.promote_f32 (local.get 2)) (local.get 3))))
              (func (export "wide") (param i64) (result i64) (i64.add (local.get 0) (i64.const 1)))
              (func (export "bits") (param f32) (result f32) (local.get 0))
              (func (export "same") (param externref) (result externref) (local.get 0))
              (func $f (export "f") (result i32) (i32.const 5))
              (func (export "pick") (param funcref) (result funcref) (local.get 0)))
            """);
        var mix = i.GetFunc("mix")!.AsFunc<int, long, float, double, double>();
        Assert.Equal(-3 + 4_000_000_000.0 + 0.5 + 0.25, mix(-3, 4_000_000_000L, 0.5f, 0.25));
        Assert.Equal(long.MinValue, i.GetFunc("wide")!.AsFunc<long, long>()(long.MaxValue));
        // A signalling NaN's payload survives the slots. (Read from an array: the JIT folds a constant
        // Int32BitsToSingle through double, which quiets it before the call.)
        int[] payload = [0x7fa00001];
        float nan = BitConverter.Int32BitsToSingle(payload[0]);
        Assert.Equal(0x7fa00001, BitConverter.SingleToInt32Bits(i.GetFunc("bits")!.AsFunc<float, float>()(nan)));
        var box = new object();
        var same = i.GetFunc("same")!.AsFunc<object, object>();
        Assert.Same(box, same(box));
        Assert.Null(same(null!));
        var f = i.GetFunc("f")!;
        Assert.Same(f, i.GetFunc("pick")!.AsFunc<Func, Func>()(f));
        Assert.Throws<InvalidCastException>(() => i.GetFunc("wide")!.AsFunc<int, int>());
    }

    [Fact]
    public void TypedViewsOfHostFunctionsCallTheDelegate()
    {
        using var store = new Store(new Engine());
        var twice = HostFuncFactory.Wrap(store, (int x) => 2 * x).AsFunc<int, int>();
        Assert.Equal(42, twice(21));
        var boom = new InvalidOperationException("boom");
        var fail = HostFuncFactory.Wrap(store, (int _) => throw boom).AsAction<int>();
        Assert.Same(boom, Assert.Throws<InvalidOperationException>(() => fail(1)));
    }

    [Fact]
    public void TypedViewsRefuseADisposedStore()
    {
        var store = new Store(new Engine());
        using var module = Wat.Compile(store.Engine, """(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))""");
        var add = new Linker(store.Engine).Instantiate(store, module).GetFunc("add")!.AsFunc<int, int, int>();
        Assert.Equal(3, add(1, 2));
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => add(1, 2));
    }
}
