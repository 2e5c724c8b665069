using Kiln.Runtime;

namespace Kiln.Runtime.Tests.Components;

/// <summary>Resources defined by a component: handles in its table, own handed to the host and back, borrows,
/// destructors, and the handle checks the ABI demands.</summary>
public sealed class ResourceTests
{
    private const string Text = """
        (component
          (core module $Dtor
            (global $dropped (mut i32) (i32.const 0))
            (func (export "dtor") (param i32) (global.set $dropped (i32.add (global.get $dropped) (local.get 0))))
            (func (export "dropped") (result i32) (global.get $dropped)))
          (core instance $d (instantiate $Dtor))
          (type $R (resource (rep i32) (dtor (core func $d "dtor"))))
          (export $Re "r" (type $R))
          (core func $new (canon resource.new $R))
          (core func $rep (canon resource.rep $R))
          (core func $drop (canon resource.drop $R))
          (core module $M
            (import "" "new" (func $new (param i32) (result i32)))
            (import "" "rep" (func $rep (param i32) (result i32)))
            (import "" "drop" (func $drop (param i32)))
            (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
            (func (export "peek") (param i32) (result i32) (local.get 0))
            (func (export "take") (param i32) (result i32) (local.get 0) (call $rep) (local.get 0) (call $drop))
            (func (export "bad-rep") (result i32) (call $rep (i32.const 7))))
          (core instance $m (instantiate $M (with "" (instance
            (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop))))))
          (func (export "make") (param "rep" u32) (result (own $Re)) (canon lift (core func $m "make")))
          (func (export "peek") (param "r" (borrow $Re)) (result u32) (canon lift (core func $m "peek")))
          (func (export "take") (param "r" (own $Re)) (result u32) (canon lift (core func $m "take")))
          (func (export "bad-rep") (result u32) (canon lift (core func $m "bad-rep")))
          (func (export "dropped") (result u32) (canon lift (core func $d "dropped"))))
        """;

    [Fact]
    public void OwnedResourcesTravelToTheHostAndBackAndTheirDestructorRunsOnDrop()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var inst = new ComponentLinker(engine).Instantiate(store, Kiln.Runtime.Component.FromText(engine, Text));
        var r = inst.GetFunc("make")!.Call(Val.U32(40))!;
        Assert.Equal(ValKind.Own, r.Kind);
        Assert.Equal(40u, r.Resource!.Rep);
        // A borrow of the component's own resource arrives as its representation.
        Assert.Equal(Val.U32(40), inst.GetFunc("peek")!.Call(Val.Borrow(r.Resource)));
        // Passing it back as own: a new handle in the table, whose rep the guest reads and then drops (dtor runs).
        Assert.Equal(Val.U32(40), inst.GetFunc("take")!.Call(r));
        Assert.Equal(Val.U32(40), inst.GetFunc("dropped")!.Call());
        var second = inst.GetFunc("make")!.Call(Val.U32(2))!;
        inst.DropResource(second.Resource!);
        Assert.Equal(Val.U32(42), inst.GetFunc("dropped")!.Call());
    }

    [Fact]
    public void AnUnknownHandleTraps()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var inst = new ComponentLinker(engine).Instantiate(store, Kiln.Runtime.Component.FromText(engine, Text));
        var t = Assert.Throws<Trap>(() => inst.GetFunc("bad-rep")!.Call());
        Assert.Equal(TrapCode.ComponentAbi, t.Code);
        Assert.Equal("unknown handle index 7", t.Message);
    }

    [Fact]
    public void AResourceOfAnotherTypeIsRefused()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var component = Kiln.Runtime.Component.FromText(engine, Text);
        var a = new ComponentLinker(engine).Instantiate(store, component);
        var b = new ComponentLinker(engine).Instantiate(store, component);
        var fromA = a.GetFunc("make")!.Call(Val.U32(1))!;
        // Each instantiation defines a fresh resource type.
        Assert.Throws<ComponentTypeMismatchException>(() => b.GetFunc("take")!.Call(fromA));
        Assert.Equal(Val.U32(1), a.GetFunc("take")!.Call(fromA));
    }
}
