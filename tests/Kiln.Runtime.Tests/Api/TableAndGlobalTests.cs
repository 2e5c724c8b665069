using Kiln.Compiler.VmContext;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Tests.Api;

public sealed unsafe class TableAndGlobalTests
{
    private static TableType FuncTable(ulong min, ulong? max = null) => new(ValType.FuncRef, new Limits(min, max));

    [Fact]
    public void TableStartsWithTheInitialValueAndGrowsUpdatingItsDefinition()
    {
        using var store = new Store(new Engine());
        var f = Func.FromCallback(store, FuncType.Empty, (_, _, _) => { });
        var table = new Table(store, FuncTable(2, 100), Value.FuncRef(f));
        Assert.Equal(2u, table.Size);
        Assert.Same(f, table.Get(1).AsFuncRef());
        Assert.Equal(f.FuncRefAddress, *(nint*)(*(nint*)(table.DefinitionAddress + VMTableDefinition.Elements) + 8));

        Assert.True(table.TryGrow(50, Value.Null(ValType.FuncRef), out uint old));
        Assert.Equal(2u, old);
        Assert.Equal(52u, *(uint*)(table.DefinitionAddress + VMTableDefinition.CurrentLength));
        Assert.Same(f, table.Get(0).AsFuncRef()); // survives reallocation
        Assert.True(table.Get(51).IsNull);
        Assert.False(table.TryGrow(49, Value.Null(ValType.FuncRef), out _));
        Assert.Equal(52u, table.Grow(48, Value.FuncRef(f)));
        Assert.Same(f, table.Get(99).AsFuncRef());
        Assert.Equal(TrapCode.TableOutOfBounds, Assert.Throws<Trap>(() => table.Get(100)).Code);
        Assert.Throws<Trap>(() => table.Set(100, Value.Null(ValType.FuncRef)));
        Assert.Throws<ArgumentException>(() => table.Set(0, Value.ExternRef("x")));
    }

    [Fact]
    public void ExternrefTablesHoldHostObjects()
    {
        using var store = new Store(new Engine());
        var table = new Table(store, new TableType(ValType.ExternRef, new Limits(3, null)), Value.Null(ValType.ExternRef));
        var o = new object();
        table.Set(1, Value.ExternRef(o));
        table.Set(2, Value.ExternRef("text"));
        Assert.Same(o, table.Get(1).AsExternRef());
        Assert.Equal("text", table.Get(2).AsExternRef());
        Assert.Null(table.Get(0).AsExternRef());
    }

    [Fact]
    public void TableLimitsFromTheStore()
    {
        using var store = new Store(new Engine(), new StoreLimits { MaxTableElements = 10 });
        var table = new Table(store, FuncTable(5), Value.Null(ValType.FuncRef));
        Assert.Equal(10u, table.MaximumSize);
        Assert.False(table.TryGrow(6, Value.Null(ValType.FuncRef), out _));
        Assert.True(table.TryGrow(5, Value.Null(ValType.FuncRef), out _));
        Assert.Throws<ResourceLimitException>(() => new Table(store, FuncTable(11), Value.Null(ValType.FuncRef)));
    }

    [Fact]
    public void FuncrefFromAnotherStoreIsRefused()
    {
        using var a = new Store(new Engine());
        using var b = new Store(a.Engine);
        var f = Func.FromCallback(b, FuncType.Empty, (_, _, _) => { });
        var table = new Table(a, FuncTable(1), Value.Null(ValType.FuncRef));
        Assert.Throws<ArgumentException>(() => table.Set(0, Value.FuncRef(f)));
    }

    [Fact]
    public void GlobalsAreTypedSlotsWithMutabilityEnforced()
    {
        using var store = new Store(new Engine());
        var constant = new Global(store, new GlobalType(ValType.I64, false), Value.I64(-5));
        Assert.Equal(-5L, constant.Get().AsI64());
        Assert.Equal(-5L, *(long*)constant.SlotAddress);
        Assert.Throws<InvalidOperationException>(() => constant.Set(Value.I64(1)));

        var variable = new Global(store, new GlobalType(ValType.F32, true), Value.F32(1.5f));
        variable.Set(Value.F32Bits(0x7fc00001)); // NaN payload kept
        Assert.Equal(0x7fc00001u, variable.Get().AsF32Bits());
        Assert.Throws<ArgumentException>(() => variable.Set(Value.F64(1)));
        Assert.Throws<ArgumentException>(() => new Global(store, new GlobalType(ValType.I32, false), Value.I64(0)));

        var v128 = new Global(store, new GlobalType(ValType.V128, true), Value.V128(1, 2));
        Assert.Equal(new UInt128(2, 1), v128.Get().AsV128());

        var ext = new Global(store, new GlobalType(ValType.ExternRef, true), Value.ExternRef("a"));
        Assert.Equal("a", ext.Get().AsExternRef());
        ext.Set(Value.Null(ValType.ExternRef));
        Assert.True(ext.Get().IsNull);
    }

    [Fact]
    public void ValuesConvertAndCompare()
    {
        Assert.Equal(Value.I32(3), (Value)3);
        Assert.Equal(Value.I64(3), (Value)3L);
        Assert.NotEqual(Value.I32(3), Value.I64(3));
        Assert.Equal(ValType.F64, ((Value)1.0).Type);
        Assert.Throws<InvalidCastException>(() => Value.I32(1).AsI64());
        Assert.Equal(float.NaN, Value.F32Bits(0x7fc00000).AsF32());
        Assert.Throws<ArgumentException>(() => Value.Null(ValType.I32));
        Assert.Equal("i32:-1", Value.I32(-1).ToString());
        Assert.True(Value.Default(ValType.FuncRef).IsNull);
    }
}
