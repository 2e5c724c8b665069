using Kiln.Wasm.Model;

namespace Kiln.Runtime.Tests.Execution;

/// <summary>Compiled wasm from text, run through the public API: values, control flow, calls, memory, globals, tables.</summary>
public sealed class ExecutionTests : IDisposable
{
    private readonly Engine engine = new();
    private readonly Store store;

    public ExecutionTests() => store = new Store(engine);

    public void Dispose() => store.Dispose();

    private Instance Run(string wat, Linker? linker = null) => Wat.Instantiate(store, wat, linker);

    [Fact]
    public void Arithmetic()
    {
        var i = Run("""
            (module
              (func (export "i32") (param i32 i32) (result i32) (i32.sub (i32.mul (local.get 0) (local.get 1)) (i32.const 3)))
              (func (export "i64") (param i64) (result i64) (i64.rotl (local.get 0) (i64.const 8)))
              (func (export "f32") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
              (func (export "f64") (param f64) (result f64) (f64.sqrt (local.get 0)))
              (func (export "conv") (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0)))
              (func (export "multi") (param i32) (result i32 i64 f32 f64)
                (local.get 0) (i64.extend_i32_s (local.get 0)) (f32.convert_i32_s (local.get 0)) (f64.convert_i32_u (local.get 0))))
            """);
        Assert.Equal(39, i.GetFunc("i32")!.Call(6, 7)[0].AsI32());
        Assert.Equal(0x0203040506070801L, i.GetFunc("i64")!.Call(0x0102030405060708L)[0].AsI64());
        Assert.Equal(-0.0f, i.GetFunc("f32")!.Call(0.0f, -0.0f)[0].AsF32());
        Assert.Equal(3.0, i.GetFunc("f64")!.Call(9.0)[0].AsF64());
        Assert.Equal(int.MaxValue, i.GetFunc("conv")!.Call(1e300)[0].AsI32());
        var r = i.GetFunc("multi")!.Call(-2);
        Assert.Equal(-2, r[0].AsI32());
        Assert.Equal(-2L, r[1].AsI64());
        Assert.Equal(-2f, r[2].AsF32());
        Assert.Equal(4294967294.0, r[3].AsF64());
    }

    [Fact]
    public void ControlFlowAndRecursion()
    {
        var i = Run("""
            (module
              (func $fac (export "fac") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
                  (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
              (func (export "sum") (param i32) (result i32) (local i32)
                (block $done (loop $l
                  (br_if $done (i32.eqz (local.get 0)))
                  (local.set 1 (i32.add (local.get 1) (local.get 0)))
                  (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                  (br $l)))
                (local.get 1))
              (func (export "switch") (param i32) (result i32)
                (block (block (block (br_table 0 1 2 (local.get 0))) (return (i32.const 10))) (return (i32.const 11)))
                (i32.const 12)))
            """);
        Assert.Equal(2432902008176640000L, i.GetFunc("fac")!.Call(20L)[0].AsI64());
        Assert.Equal(5050, i.GetFunc("sum")!.Call(100)[0].AsI32());
        Assert.Equal(10, i.GetFunc("switch")!.Call(0)[0].AsI32());
        Assert.Equal(11, i.GetFunc("switch")!.Call(1)[0].AsI32());
        Assert.Equal(12, i.GetFunc("switch")!.Call(7)[0].AsI32());
    }

    [Fact]
    public void CallIndirectThroughATable()
    {
        var i = Run("""
            (module
              (type $un (func (param i32) (result i32)))
              (table (export "t") 4 funcref)
              (elem (i32.const 0) $inc $dbl)
              (func $inc (type $un) (i32.add (local.get 0) (i32.const 1)))
              (func $dbl (type $un) (i32.shl (local.get 0) (i32.const 1)))
              (func $other (param i64))
              (elem declare func $other)
              (func (export "call") (param i32 i32) (result i32) (call_indirect (type $un) (local.get 1) (local.get 0)))
              (func (export "set") (table.set (i32.const 2) (ref.func $other))))
            """);
        var call = i.GetFunc("call")!;
        Assert.Equal(8, call.Call(0, 7)[0].AsI32());
        Assert.Equal(14, call.Call(1, 7)[0].AsI32());
        Assert.Equal(TrapCode.IndirectCallToNull, Assert.Throws<Trap>(() => call.Call(3, 7)).Code);
        Assert.Equal(TrapCode.TableOutOfBounds, Assert.Throws<Trap>(() => call.Call(4, 7)).Code);
        i.GetFunc("set")!.Call();
        Assert.Equal(TrapCode.BadSignature, Assert.Throws<Trap>(() => call.Call(2, 7)).Code);
        Assert.Equal("indirect call type mismatch", Assert.Throws<Trap>(() => call.Call(2, 7)).Message);
    }

    [Fact]
    public void MemoryLoadsStoresGrowAndBulkOps()
    {
        var i = Run("""
            (module
              (memory (export "mem") 1 3)
              (data (i32.const 16) "\01\02\03\04")
              (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
              (func (export "store") (param i32 i64) (i64.store offset=8 (local.get 0) (local.get 1)))
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "size") (result i32) (memory.size))
              (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
              (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2))))
            """);
        Assert.Equal(0x04030201, i.GetFunc("load")!.Call(16)[0].AsI32());
        i.GetFunc("store")!.Call(100, 0x1122334455667788L);
        Assert.Equal(0x55667788, i.GetMemory("mem")!.ReadInt32(108));
        Assert.Equal(TrapCode.HeapOutOfBounds, Assert.Throws<Trap>(() => i.GetFunc("load")!.Call(65533)).Code);
        Assert.Equal(1, i.GetFunc("grow")!.Call(1)[0].AsI32());
        Assert.Equal(0, i.GetFunc("load")!.Call(65533)[0].AsI32());
        Assert.Equal(-1, i.GetFunc("grow")!.Call(5)[0].AsI32());
        Assert.Equal(2, i.GetFunc("size")!.Call()[0].AsI32());
        i.GetFunc("fill")!.Call(200, 0xAB, 4);
        Assert.Equal(unchecked((int)0xABABABAB), i.GetFunc("load")!.Call(200)[0].AsI32());
        i.GetFunc("copy")!.Call(300, 16, 4);
        Assert.Equal(0x04030201, i.GetFunc("load")!.Call(300)[0].AsI32());
        var t = Assert.Throws<Trap>(() => i.GetFunc("fill")!.Call(131070, 0, 10));
        Assert.Equal("out of bounds memory access", t.Message);
    }

    [Fact]
    public void GlobalsAndTables()
    {
        var i = Run("""
            (module
              (global $g (export "g") (mut i64) (i64.const 5))
              (global $c i32 (i32.const 7))
              (table $t (export "t") 2 10 externref)
              (func (export "bump") (result i64) (global.set $g (i64.add (global.get $g) (i64.extend_i32_u (global.get $c)))) (global.get $g))
              (func (export "put") (param i32 externref) (table.set $t (local.get 0) (local.get 1)))
              (func (export "get") (param i32) (result externref) (table.get $t (local.get 0)))
              (func (export "grow") (param i32) (result i32) (table.grow $t (ref.null extern) (local.get 0)))
              (func (export "size") (result i32) (table.size $t)))
            """);
        Assert.Equal(12L, i.GetFunc("bump")!.Call()[0].AsI64());
        Assert.Equal(12L, i.GetGlobal("g")!.Get().AsI64());
        var token = new object();
        i.GetFunc("put")!.Call(1, Value.ExternRef(token));
        Assert.Same(token, i.GetFunc("get")!.Call(1)[0].AsExternRef());
        Assert.True(i.GetFunc("get")!.Call(0)[0].IsNull);
        Assert.Equal(TrapCode.TableOutOfBounds, Assert.Throws<Trap>(() => i.GetFunc("get")!.Call(2)).Code);
        Assert.Equal(2, i.GetFunc("grow")!.Call(3)[0].AsI32());
        Assert.Equal(5, i.GetFunc("size")!.Call()[0].AsI32());
        Assert.Equal(-1, i.GetFunc("grow")!.Call(100)[0].AsI32());
    }

    [Fact]
    public void StartFunctionRuns()
    {
        var i = Run("""
            (module (global (export "g") (mut i32) (i32.const 0)) (func $s (global.set 0 (i32.const 42))) (start $s))
            """);
        Assert.Equal(42, i.GetGlobal("g")!.Get().AsI32());
    }

    [Fact]
    public void ImportedHostFunctionsAreCalled()
    {
        var linker = new Linker(engine);
        var seen = new List<long>();
        linker.DefineFunction("env", "log", new FuncType([ValType.I64, ValType.F64], [ValType.I32]), (_, args, results) =>
        {
            seen.Add(args[0].AsI64());
            results[0] = Value.I32((int)args[1].AsF64() + 1);
        });
        var i = Run("""
            (module (import "env" "log" (func $log (param i64 f64) (result i32)))
              (func (export "f") (result i32) (i32.add (call $log (i64.const 9) (f64.const 2.5)) (call $log (i64.const 10) (f64.const 0)))))
            """, linker);
        Assert.Equal(4, i.GetFunc("f")!.Call()[0].AsI32());
        Assert.Equal([9L, 10L], seen);
    }

    [Fact]
    public void ModulesLinkToEachOther()
    {
        var linker = new Linker(engine);
        var a = Run("""(module (memory (export "m") 1) (func (export "seven") (result i32) (i32.const 7)))""", linker);
        linker.DefineInstance("a", a);
        var b = Run("""
            (module (import "a" "seven" (func $seven (result i32))) (import "a" "m" (memory 1))
              (func (export "f") (result i32) (i32.store (i32.const 0) (call $seven)) (i32.load (i32.const 0))))
            """, linker);
        Assert.Equal(7, b.GetFunc("f")!.Call()[0].AsI32());
        Assert.Equal(7, a.GetMemory("m")!.ReadInt32(0));
    }
}
