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
}
