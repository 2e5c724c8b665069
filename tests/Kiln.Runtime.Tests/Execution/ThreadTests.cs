namespace Kiln.Runtime.Tests.Execution;

/// <summary>Separate stores on separate threads run compiled code of one module at once, traps included.</summary>
public sealed class ThreadTests
{
    private const string Wat = """
        (module
          (memory 1)
          (func (export "work") (param i32) (result i32) (local i32)
            (loop $l
              (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1)))
              (local.set 1 (i32.add (local.get 1) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
            (i32.load (i32.const 0)))
          (func (export "trap") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))
        """;

    [Fact]
    public void TwoStoresRunAtOnce()
    {
        var engine = new Engine();
        var module = Execution.Wat.Compile(engine, Wat);
        var results = new int[4];
        var traps = new int[4];
        var threads = Enumerable.Range(0, 4).Select(k => new Thread(() =>
        {
            using var store = new Store(engine);
            var i = new Linker(engine).Instantiate(store, module);
            for (int round = 0; round < 50; round++)
            {
                results[k] = i.GetFunc("work")!.Call(1000)[0].AsI32();
                try { i.GetFunc("trap")!.Call(0); }
                catch (Trap t) when (t.Code == TrapCode.IntegerDivisionByZero) { traps[k]++; }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.All(results, r => Assert.Equal(50_000, r));
        Assert.All(traps, n => Assert.Equal(50, n));
    }
}
