using Kiln.Component.Tests.Linking;
using Kiln.Runtime;

namespace Kiln.Runtime.Tests.Components;

/// <summary>
/// <c>component embed</c> + <c>component new</c> for a world of its own (no adapter, <see cref="ComponentNewWorldSource"/>):
/// strings, lists, records, an imported resource and an exported one (constructor, method, destructor), a post-return
/// function, a world-level export. The component runs under Kiln (Component API, host functions and a host resource); Kiln.Component.Tests runs it under
/// Wasmtime 50.0.1 (Wasmtime's signal handlers must not share a process with Kiln's trap tests).
/// </summary>
public sealed class ComponentNewWorldTests
{
    [Fact]
    public void EmbeddedWorldBecomesAComponentThatRunsUnderKiln()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var component = Kiln.Runtime.Component.FromBinary(engine, ComponentNewWorldSource.BuildComponent("app"));
        var linker = new ComponentLinker(engine);
        var logged = new List<string>();
        var host = linker.Instance("test:app/host@0.1.0");
        host.DefineFunc("log", a => { logged.Add(a[0].Text!); return null; });
        host.DefineFunc("names", _ => Val.List(Val.String("a"), Val.String("bc")));
        host.DefineFunc("shift", a => Val.Record(("x", Val.S32((int)a[0].Items[0].Bits + (int)a[1].Bits)), ("y", Val.S32((int)a[0].Items[1].Bits + (int)a[1].Bits))));
        var counterType = new ResourceType("counter");
        var counters = linker.Instance("test:app/counters@0.1.0");
        counters.DefineResource("counter", counterType);
        counters.DefineFunc("[constructor]counter", a => Val.Own(new ResourceAny(counterType, (uint)a[0].Bits)));
        counters.DefineFunc("[method]counter.add", a => Val.U32(a[0].Resource!.Rep + (uint)a[1].Bits));
        var inst = linker.Instantiate(store, component);

        Assert.Equal(Val.String("hello, kiln"), inst.GetFunc("test:app/api@0.1.0", "greet")!.Call(Val.String("kiln")));
        Assert.Equal(Val.U32(1), inst.GetFunc("test:app/api@0.1.0", "posts")!.Call()); // greet's cabi_post ran
        Assert.Equal(Val.U32(10), inst.GetFunc("test:app/api@0.1.0", "sum")!.Call(Val.List(Val.U32(1), Val.U32(2), Val.U32(3), Val.U32(4))));
        Assert.Equal(Val.Record(("x", Val.S32(2)), ("y", Val.S32(-1))),
            inst.GetFunc("test:app/api@0.1.0", "moved")!.Call(Val.Record(("x", Val.S32(-1)), ("y", Val.S32(2)))));
        // 2 names of 3 bytes in all, shift({1,2}, 3) = {4,5}: 200 + 30 + 9.
        Assert.Equal(Val.U32(239), inst.GetFunc("run")!.Call());
        Assert.Equal(["hi from run"], logged);
        Assert.Equal(Val.U32(15), inst.GetFunc("count")!.Call(Val.U32(10)));

        // An exported resource: the component's own type (rep = 2v), its methods see the rep, its destructor runs.
        const string Things = "test:app/things@0.1.0";
        var thing = inst.GetFunc(Things, "[constructor]thing")!.Call(Val.U32(21))!;
        Assert.Equal(ValKind.Own, thing.Kind);
        Assert.Equal(Val.U32(21), inst.GetFunc(Things, "[method]thing.get")!.Call(Val.Borrow(thing.Resource!)));
        Assert.Equal(Val.U32(0), inst.GetFunc(Things, "dropped")!.Call());
        Assert.Equal(Val.U32(21), inst.GetFunc(Things, "consume")!.Call(thing));
        Assert.Equal(Val.U32(42), inst.GetFunc(Things, "dropped")!.Call()); // the destructor got rep 42
        Assert.Equal(Val.U32(5), inst.GetFunc(Things, "roundtrip")!.Call(Val.U32(5)));
        Assert.Equal(Val.U32(52), inst.GetFunc(Things, "dropped")!.Call());
    }
}
