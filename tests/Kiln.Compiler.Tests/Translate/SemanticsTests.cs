using Kiln.IR.Passes;

namespace Kiln.Compiler.Tests.Translate;

/// <summary>Runs translated integer/control code in <see cref="IrInterpreter"/>, before and after the passes,
/// to check values flow through block parameters the way wasm says.</summary>
public class SemanticsTests
{
    private static long[] Run(string wat, string name, bool optimize, params long[] args)
    {
        var t = Wat.Translate(wat);
        if (optimize)
        {
            foreach (var f in t.Functions)
            {
                PassManager.Default(verify: true).RunToFixpoint(f);
            }
        }
        var full = new long[args.Length + 1];
        args.CopyTo(full, 1); // vmctx = 0: none of these functions touch it
        return new IrInterpreter(t.Functions).Call(name, full);
    }

    public static TheoryData<bool> Both => [false, true];

    [Theory]
    [MemberData(nameof(Both))]
    public void SumLoop(bool optimize)
    {
        const string wat = """
            (module (func (param i32) (result i32) (local i32)
              (block (loop
                (br_if 1 (i32.eqz (local.get 0)))
                (local.set 1 (i32.add (local.get 1) (local.get 0)))
                (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                (br 0)))
              (local.get 1)))
            """;
        Assert.Equal([55L], Run(wat, "wasm_func_0", optimize, 10));
        Assert.Equal([0L], Run(wat, "wasm_func_0", optimize, 0));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void BrTableSelectsByIndex(bool optimize)
    {
        const string wat = """
            (module (func (param i32) (result i32)
              (block (block (block (br_table 0 1 2 (local.get 0)))
                (return (i32.const 10))) (return (i32.const 20)))
              (i32.const 30)))
            """;
        Assert.Equal([10L], Run(wat, "wasm_func_0", optimize, 0));
        Assert.Equal([20L], Run(wat, "wasm_func_0", optimize, 1));
        Assert.Equal([30L], Run(wat, "wasm_func_0", optimize, 2));
        Assert.Equal([30L], Run(wat, "wasm_func_0", optimize, -1));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void MultiValueBlocksAndLoopsCarryValuesInOrder(bool optimize)
    {
        const string wat = """
            (module (func (param i32) (result i32 i32)
              (local.get 0)
              (block (param i32) (result i32 i32)
                (i32.const 1) (br_if 0 (local.get 0)) (drop) (i32.const 2)))
            (func (param i32) (result i32 i32)
              ;; loop with two params: (a, b) -> (b, a + b), n times: fibonacci
              (i32.const 0) (i32.const 1)
              (loop (param i32 i32) (result i32 i32)
                (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                (block (param i32 i32) (result i32 i32)
                  (br_if 1 (call $step) (i32.ne (local.get 0) (i32.const 0)))))
              )
            (func $step (param i32 i32) (result i32 i32) (local.get 1) (i32.add (local.get 0) (local.get 1))))
            """;
        Assert.Equal([5L, 1L], Run(wat, "wasm_func_0", optimize, 5));
        Assert.Equal([0L, 2L], Run(wat, "wasm_func_0", optimize, 0));
        Assert.Equal([55L, 89L], Run(wat, "wasm_func_1", optimize, 10));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void IfElseAndRecursion(bool optimize)
    {
        const string wat = """
            (module
              (func $fac (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0))
                  (then (i64.const 1))
                  (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
              (func (param i32 i32) (result i32)
                (if (param i32) (result i32) (local.get 1) (local.get 0) (then (i32.const 100) (i32.add)))))
            """;
        Assert.Equal([120L], Run(wat, "wasm_func_0", optimize, 5));
        Assert.Equal([107L], Run(wat, "wasm_func_1", optimize, 1, 7));
        Assert.Equal([7L], Run(wat, "wasm_func_1", optimize, 0, 7));
    }

    [Fact]
    public void UnreachableTraps()
    {
        var e = Assert.Throws<TrapException>(() => Run("(module (func (unreachable)))", "wasm_func_0", false));
        Assert.Equal(Kiln.IR.TrapCode.Unreachable, e.Code);
    }
}
