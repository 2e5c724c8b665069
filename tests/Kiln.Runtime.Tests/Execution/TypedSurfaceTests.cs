namespace Kiln.Runtime.Tests.Execution;

/// <summary>
/// Issue 16: typed host functions stopped at 3 parameters, typed calls at 4, neither had several results, and host
/// functions had no typed <see cref="Caller"/> form. Now: up to 8 parameters, value-tuple results, a Caller first.
/// </summary>
public sealed class TypedSurfaceTests
{
    private const string Wat = """
        (module
          (import "host" "sum8" (func $sum8 (param i32 i64 f32 f64 i32 i64 f32 f64) (result f64)))
          (import "host" "divmod" (func $divmod (param i32 i32) (result i32 i32)))
          (import "host" "len" (func $len (param i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hello, kiln\00")
          (func (export "call-sum8") (result f64)
            (call $sum8 (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4) (i32.const 5) (i64.const 6) (f32.const 7) (f64.const 8)))
          (func (export "call-divmod") (param i32 i32) (result i32)
            (i32.add (i32.mul (call $divmod (local.get 0) (local.get 1))) (i32.const 0)))
          (func (export "strlen") (result i32) (call $len (i32.const 16)))
          (func (export "mix") (param i32 i64 f32 f64 i32 i64 f32 f64) (result f64)
            (f64.add (f64.add (f64.add (f64.convert_i32_s (local.get 0)) (f64.convert_i64_s (local.get 1)))
                              (f64.add (f64.promote_f32 (local.get 2)) (local.get 3)))
                     (f64.add (f64.add (f64.convert_i32_s (local.get 4)) (f64.convert_i64_s (local.get 5)))
                              (f64.add (f64.promote_f32 (local.get 6)) (local.get 7)))))
          (func (export "swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
          (func (export "three") (result i32 f64 i64) (i32.const 1) (f64.const 2.5) (i64.const -3)))
        """;

    private static Instance Instantiate(Store store)
    {
        var linker = new Linker(store.Engine);
        linker.DefineFunction("host", "sum8", (int a, long b, float c, double d, int e, long f, float g, double h) => a + b + c + d + e + f + g + h);
        linker.DefineFunction("host", "divmod", (int a, int b) => (a / b, a % b));
        // The Caller form: the calling instance's memory, read as a C string.
        linker.DefineFunction("host", "len", (Caller caller, int ptr) =>
        {
            var memory = caller.GetMemory()!.Span;
            return memory[ptr..].IndexOf((byte)0);
        });
        return Wat_(store, linker);
    }

    private static Instance Wat_(Store store, Linker linker) => Execution.Wat.Instantiate(store, Wat, linker);

    [Fact]
    public void Host_functions_take_eight_typed_parameters()
    {
        using var store = new Store(new Engine());
        Assert.Equal(36.0, Instantiate(store).GetFunc("call-sum8")!.AsFunc<double>()());
    }

    [Fact]
    public void Host_functions_return_several_results_as_a_tuple()
    {
        using var store = new Store(new Engine());
        // 17 / 5 = (3, 2); the wasm multiplies them.
        Assert.Equal(6, Instantiate(store).GetFunc("call-divmod")!.AsFunc<int, int, int>()(17, 5));
    }

    [Fact]
    public void A_host_function_reaches_the_calling_instances_memory_through_its_caller()
    {
        using var store = new Store(new Engine());
        Assert.Equal(11, Instantiate(store).GetFunc("strlen")!.AsFunc<int>()());
    }

    [Fact]
    public void Typed_calls_take_eight_parameters()
    {
        using var store = new Store(new Engine());
        var mix = Instantiate(store).GetFunc("mix")!.AsFunc<int, long, float, double, int, long, float, double, double>();
        Assert.Equal(36.0, mix(1, 2, 3, 4, 5, 6, 7, 8));
    }

    [Fact]
    public void Typed_calls_return_several_results_as_a_tuple()
    {
        using var store = new Store(new Engine());
        var instance = Instantiate(store);
        Assert.Equal((9L, 4), instance.GetFunc("swap")!.AsFunc<int, long, (long, int)>()(4, 9));
        Assert.Equal((1, 2.5, -3L), instance.GetFunc("three")!.AsFunc<(int, double, long)>()());
    }

    [Fact]
    public void A_view_of_the_wrong_shape_is_refused_when_made()
    {
        using var store = new Store(new Engine());
        var swap = Instantiate(store).GetFunc("swap")!;
        Assert.Throws<InvalidCastException>(() => swap.AsFunc<int, long, (int, long)>());
        Assert.Throws<InvalidCastException>(() => swap.AsFunc<int, long, long>());
    }

    [Fact]
    public void Wrap_makes_the_same_functions_in_a_store()
    {
        using var store = new Store(new Engine());
        var f = HostFuncFactory.Wrap(store, (Caller c, int a, int b, int d, int e, int g, int h, int i, int j) => (a + b + d + e, g + h + i + j));
        Assert.Equal("[i32 i32 i32 i32 i32 i32 i32 i32] -> [i32 i32]", f.Type.ToString());
        var r = f.Call(Value.I32(1), Value.I32(2), Value.I32(3), Value.I32(4), Value.I32(5), Value.I32(6), Value.I32(7), Value.I32(8));
        Assert.Equal([10, 26], r.Select(v => v.AsI32()));
    }
}
