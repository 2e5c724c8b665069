using Kiln.Wasm.Model;

namespace Kiln.Runtime.Tests.Api;

public sealed class TypeRegistryTests
{
    [Fact]
    public void StructurallyEqualTypesShareAnId()
    {
        var registry = new TypeRegistry();
        uint a = registry.Register(new FuncType([ValType.I32, ValType.I64], [ValType.F32]));
        uint b = registry.Register(new FuncType([ValType.I32, ValType.I64], [ValType.F32]));
        uint c = registry.Register(new FuncType([ValType.I32], [ValType.I64, ValType.F32]));
        uint d = registry.Register(FuncType.Empty);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c); // same value types, split differently between params and results
        Assert.NotEqual(a, d);
        Assert.NotEqual(TypeRegistry.InvalidId, a);
        Assert.Equal(3, registry.Count);
        Assert.Equal(new FuncType([ValType.I32], [ValType.I64, ValType.F32]), registry[c]);
        Assert.Throws<ArgumentOutOfRangeException>(() => registry[TypeRegistry.InvalidId]);
    }

    [Fact]
    public void RegisteredTypesAreCopies()
    {
        var registry = new TypeRegistry();
        var parameters = new[] { ValType.I32 };
        uint id = registry.Register(new FuncType(parameters, []));
        parameters[0] = ValType.F64;
        Assert.Equal(ValType.I32, registry[id].Params[0]);
        Assert.True(registry.TryGetId(new FuncType([ValType.I32], []), out uint again));
        Assert.Equal(id, again);
        Assert.False(registry.TryGetId(new FuncType([ValType.F64], []), out _));
    }

    [Fact]
    public void ModulesOfOneEngineAgreeOnIds()
    {
        var engine = new Engine();
        var m1 = Module.FromText(engine, "(module (type (func (param i32) (result i32))) (type (func)))");
        var m2 = Module.FromText(engine, "(module (type (func)) (type (func (param i32) (result i32))))");
        Assert.Equal(m1.TypeId(0), m2.TypeId(1));
        Assert.Equal(m1.TypeId(1), m2.TypeId(0));
        Assert.NotEqual(m1.TypeId(0), m1.TypeId(1));
    }

    [Fact]
    public void ConcurrentRegistrationIsConsistent()
    {
        var registry = new TypeRegistry();
        var types = Enumerable.Range(0, 64).Select(i => new FuncType(Enumerable.Repeat(ValType.I32, i).ToArray(), [])).ToArray();
        var ids = new uint[8][];
        Parallel.For(0, 8, t => ids[t] = types.Select(registry.Register).ToArray());
        for (int t = 1; t < 8; t++)
            Assert.Equal(ids[0], ids[t]);
        Assert.Equal(64, ids[0].Distinct().Count());
    }
}
