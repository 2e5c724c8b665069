using BenchmarkDotNet.Attributes;
using Kiln.Runtime;

namespace Kiln.Bench;

/// <summary>The cost of entering wasm from C#: typed calls of trivial functions (no arguments, two, three of mixed types), and a dynamic call.</summary>
/// <remarks>Min and median beside the mean: on a shared, loaded machine the minimum is the steadiest figure.</remarks>
[MinColumn, MedianColumn]
public class CallBenchmarks
{
    private const string Wat = """
        (module
          (func (export "nop"))
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "mix") (param i32 i64 f64) (result f64)
            (f64.add (f64.add (local.get 2) (f64.convert_i32_s (local.get 0))) (f64.convert_i64_s (local.get 1)))))
        """;

    private Engine _engine = null!;
    private Store _store = null!;
    private Module _module = null!;
    private Func<int, int, int> _add = null!;
    private Action _nop = null!;
    private Func<int, long, double, double> _mix = null!;
    private Func _addDynamic = null!;
    private readonly Value[] _args = [Value.I32(1), Value.I32(2)];
    private readonly Value[] _results = new Value[1];

    [GlobalSetup]
    public void Setup()
    {
        _engine = new Engine();
        _store = new Store(_engine);
        _module = new Module(_engine, System.Text.Encoding.UTF8.GetBytes(Wat));
        var instance = new Linker(_engine).Instantiate(_store, _module);
        _addDynamic = instance.GetFunc("add")!;
        _add = _addDynamic.AsFunc<int, int, int>();
        _nop = instance.GetFunc("nop")!.AsAction();
        _mix = instance.GetFunc("mix")!.AsFunc<int, long, double, double>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _module.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void TypedNop() => _nop();

    [Benchmark]
    public int TypedAdd() => _add(1, 2);

    /// <summary>Three arguments of three types, an f64 result.</summary>
    [Benchmark]
    public double TypedMix() => _mix(1, 2L, 3.5);

    [Benchmark]
    public Value DynamicAdd()
    {
        _addDynamic.Call(_args, _results);
        return _results[0];
    }
}
