using Kiln.Wasm.Model;

namespace Kiln.Runtime.Tests.Execution;

/// <summary>Every trap kind surfaces as a <see cref="Trap"/> with the spec's message; the process and the store stay usable.</summary>
public sealed class TrapTests : IDisposable
{
    private const string Wat = """
        (module
          (type $v (func))
          (memory 1)
          (table 2 funcref)
          (elem (i32.const 0) $ok)
          (func $ok)
          (func $other (param i32))
          (elem declare func $other)
          (func (export "unreachable") unreachable)
          (func (export "div0") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
          (func (export "rem0") (param i64) (result i64) (i64.rem_s (i64.const 1) (local.get 0)))
          (func (export "overflow") (param i32) (result i32) (i32.div_s (local.get 0) (i32.const -1)))
          (func (export "conv") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
          (func (export "oob") (param i32) (result i64) (i64.load (local.get 0)))
          (func (export "oob-store") (param i32) (i32.store16 (local.get 0) (i32.const 1)))
          (func (export "indirect") (param i32) (call_indirect (type $v) (local.get 0)))
          (func (export "mismatch") (table.set (i32.const 1) (ref.func $other)) (call_indirect (type $v) (i32.const 1)))
          (func (export "table-oob") (param i32) (result funcref) (table.get (local.get 0)))
          (func $rec (export "recurse") (param i32) (result i32) (i32.add (call $rec (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
          (func (export "ok") (result i32) (i32.const 7)))
        """;

    private readonly Store store = new(new Engine());
    private readonly Instance instance;

    public TrapTests() => instance = Execution.Wat.Instantiate(store, Wat);

    public void Dispose() => store.Dispose();

    private Trap TrapOf(string name, params Value[] args) =>
        Assert.Throws<Trap>(() => instance.GetFunc(name)!.Call(args));

    [Theory]
    [InlineData("unreachable", TrapCode.Unreachable, "unreachable")]
    [InlineData("mismatch", TrapCode.BadSignature, "indirect call type mismatch")]
    public void TrapsWithoutArguments(string name, TrapCode code, string prefix)
    {
        var t = TrapOf(name);
        Assert.Equal(code, t.Code);
        Assert.StartsWith(prefix, t.Message);
        Assert.Equal(7, instance.GetFunc("ok")!.Call()[0].AsI32());
    }

    [Fact]
    public void IntegerTraps()
    {
        Assert.Equal("integer divide by zero", TrapOf("div0", 0).Message);
        Assert.Equal("integer divide by zero", TrapOf("rem0", 0L).Message);
        Assert.Equal(0L, instance.GetFunc("rem0")!.Call(-1L)[0].AsI64());
        Assert.Equal("integer overflow", TrapOf("overflow", int.MinValue).Message);
        Assert.Equal("invalid conversion to integer", TrapOf("conv", float.NaN).Message);
        Assert.Equal("integer overflow", TrapOf("conv", 3e9f).Message);
    }

    [Fact]
    public void MemoryAndTableTraps()
    {
        Assert.Equal(TrapCode.HeapOutOfBounds, TrapOf("oob", 65529).Code);
        Assert.Equal(TrapCode.HeapOutOfBounds, TrapOf("oob", -1).Code);
        Assert.Equal(TrapCode.HeapOutOfBounds, TrapOf("oob-store", 65535).Code);
        Assert.Equal(0L, instance.GetFunc("oob")!.Call(65528)[0].AsI64());
        Assert.Equal("uninitialized element", TrapOf("indirect", 1).Message);
        Assert.StartsWith("undefined element", TrapOf("indirect", 2).Message);
        Assert.Contains("out of bounds table access", TrapOf("table-oob", 2).Message);
    }

    [Fact]
    public void StackExhaustionTrapsAndTheStoreStaysUsable()
    {
        for (int i = 0; i < 3; i++)
        {
            var t = TrapOf("recurse", 0);
            Assert.Equal(TrapCode.StackOverflow, t.Code);
            Assert.Equal("call stack exhausted", t.Message);
        }
        Assert.Equal(7, instance.GetFunc("ok")!.Call()[0].AsI32());
    }

    [Fact]
    public void ManagedExceptionsStayNormalAfterWasmTrapped()
    {
        TrapOf("div0", 0);
        TrapOf("oob", -1);
        TrapOf("unreachable");
        object? nothing = null;
        Assert.Throws<NullReferenceException>(() => nothing!.GetHashCode());
        int zero = 0;
        Assert.Throws<DivideByZeroException>(() => 1 / zero);
        Assert.Equal(TrapCode.IntegerDivisionByZero, TrapOf("div0", 0).Code);
    }

    [Fact]
    public void TrapNamesTheFunction()
    {
        var t = TrapOf("div0", 0);
        Assert.NotEmpty(t.Backtrace);
    }
}
