using Kiln.Reference;
using W = Kiln.Reference.ComponentValue;

namespace Kiln.Component.Tests.Linking;

/// <summary>The world of <see cref="ComponentNewWorldSource"/> run under Wasmtime 50.0.1: strings, lists, records,
/// post-return, a world export and an exported resource's built-ins and destructor.</summary>
public sealed class ComponentNewWorldWasmtimeTests
{
    [Fact]
    public void EmbeddedWorldBecomesAComponentThatRunsUnderWasmtime()
    {
        using var engine = new WasmtimeEngine();
        // The world with the host resource: Wasmtime accepts the component (its C API cannot define host resources).
        var app = ComponentNewWorldSource.BuildComponent("app");
        Assert.Null(WasmtimeComponent.Validate(engine, app));
        using var component = WasmtimeComponent.Compile(engine, ComponentNewWorldSource.BuildComponent("plain"));
        using var linker = new WasmtimeComponentLinker(engine);
        var logged = new List<string>();
        linker.AddFunc(["test:app/host@0.1.0"], "log", a => { logged.Add(((W.String)a[0]).Value); return []; });
        linker.AddFunc(["test:app/host@0.1.0"], "names", _ => [new W.List(new W.String("a"), new W.String("bc"))]);
        linker.AddFunc(["test:app/host@0.1.0"], "shift", a =>
        {
            var p = (W.Record)a[0];
            int d = ((W.S32)a[1]).Value;
            return [new W.Record(("x", new W.S32(((W.S32)p.Fields[0].Value).Value + d)), ("y", new W.S32(((W.S32)p.Fields[1].Value).Value + d)))];
        });
        using var store = new WasmtimeStore(engine);
        var inst = linker.Instantiate(store, component);
        Assert.Equal(new W.String("hello, wasmtime"), inst.GetFunc("test:app/api@0.1.0", "greet")!.Call(new W.String("wasmtime")));
        Assert.Equal(new W.U32(1), inst.GetFunc("test:app/api@0.1.0", "posts")!.Call());
        Assert.Equal(new W.U32(6), inst.GetFunc("test:app/api@0.1.0", "sum")!.Call(new W.List(new W.U32(1), new W.U32(2), new W.U32(3))));
        Assert.Equal(new W.Record(("x", new W.S32(2)), ("y", new W.S32(-1))),
            inst.GetFunc("test:app/api@0.1.0", "moved")!.Call(new W.Record(("x", new W.S32(-1)), ("y", new W.S32(2)))));
        Assert.Equal(new W.U32(239), inst.GetFunc("run")!.Call());
        Assert.Equal(["hi from run"], logged);
        // The exported resource's built-ins and destructor (a shim slot filled after instantiation) work in Wasmtime.
        Assert.Equal(new W.U32(5), inst.GetFunc("test:app/things@0.1.0", "roundtrip")!.Call(new W.U32(5)));
        Assert.Equal(new W.U32(10), inst.GetFunc("test:app/things@0.1.0", "dropped")!.Call());
    }
}
