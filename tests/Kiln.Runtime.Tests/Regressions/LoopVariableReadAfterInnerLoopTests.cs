using System.Text;

namespace Kiln.Runtime.Tests.Regressions;

/// <summary>
/// Found by bench/kernels (matmul trapped with "out of bounds memory access" where V8 returned a value), reduced
/// with wasm-reduce. SSA construction read an outer loop's counter (local 6) after two inner loops as zero: the
/// walk up single-predecessor blocks went through loop headers that had just created parameters and came back to
/// a block already on the walk, which it took for an unreachable cycle. The outer loop then never ended and its
/// address kept growing into the guard region.
/// </summary>
public sealed class LoopVariableReadAfterInnerLoopTests
{
    private const string Wat = """
        (module
          (memory 106)
          (func (export "run") (param i32) (result i32)
            (local i32 i32 i32 i32 i32 i32 i32 i32)
            (loop $outer
              (local.set 7 (i32.const 0))
              (loop $middle
                (local.set 1 (local.get 8))
                (local.set 2 (i32.const 0))
                (loop $inner
                  (drop (f64.load (local.get 1)))
                  (local.set 1 (i32.const 0))
                  (br_if $inner (i32.ne (local.tee 2 (i32.add (local.get 2) (i32.const 16))) (i32.const 1280))))
                (local.set 8 (i32.add (local.get 8) (i32.const 8)))
                (br_if $middle (i32.ne (local.tee 7 (i32.add (local.get 7) (i32.const 1))) (i32.const 160))))
              (br_if $outer (i32.ne (local.tee 6 (i32.add (local.get 6) (i32.const 1))) (i32.const 160))))
            (local.get 6)))
        """;

    [Fact]
    public void OuterCounterSurvivesTheInnerLoops()
    {
        var engine = new Engine();
        using var module = new Module(engine, Encoding.UTF8.GetBytes(Wat));
        using var store = new Store(engine);
        var run = new Linker(engine).Instantiate(store, module).GetFunc("run")!;
        Assert.Equal(160, run.Call(Value.I32(0))[0].AsI32());
    }
}
