using Kiln.Runtime;

namespace Kiln.Runtime.Tests.Components;

/// <summary>Embedding tests of the component runtime: entering and leaving (flags), post-return, lowered-then-lifted
/// functions, the always-trap adapter, linking.</summary>
public sealed class ComponentCallTests
{
    private static Kiln.Runtime.Component Load(Engine engine, string text) => Kiln.Runtime.Component.FromText(engine, text);

    private const string CallsHost = """
        (component
          (import "cb" (func $cb))
          (core func $cb' (canon lower (func $cb)))
          (core module $M
            (import "" "cb" (func $cb))
            (global $n (mut i32) (i32.const 0))
            (func (export "run") (call $cb))
            (func (export "value") (result i32) (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n)))
          (core instance $m (instantiate $M (with "" (instance (export "cb" (func $cb'))))))
          (func (export "run") (canon lift (core func $m "run")))
          (func (export "value") (result u32) (canon lift (core func $m "value"))))
        """;

    [Fact]
    public void ReenteringAnInstanceFromItsOwnImportTraps()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new ComponentLinker(engine);
        ComponentInstance? instance = null;
        Trap? inner = null;
        linker.DefineFunc("cb", args =>
        {
            try { instance!.GetFunc("value")!.Call(); }
            catch (Trap t) { inner = t; throw; }
            return null;
        });
        instance = linker.Instantiate(store, Load(engine, CallsHost));
        var outer = Assert.Throws<Trap>(() => instance.GetFunc("run")!.Call());
        Assert.NotNull(inner);
        Assert.Equal(TrapCode.CannotEnterComponent, inner!.Code);
        Assert.Equal(TrapCode.CannotEnterComponent, outer.Code);
        Assert.Contains("cannot enter component instance", outer.Message);
    }

    [Fact]
    public void ACallBeforePostReturnTrapsAndPostReturnReopensTheInstance()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new ComponentLinker(engine);
        linker.DefineAction("cb", () => { });
        var instance = linker.Instantiate(store, Load(engine, CallsHost));
        var value = instance.GetFunc("value")!;
        Assert.Equal(Val.U32(1), value.CallRaw());
        // No post-return option: PostReturn is still required before the instance can be entered again.
        var t = Assert.Throws<Trap>(() => value.CallRaw());
        Assert.Equal(TrapCode.CannotEnterComponent, t.Code);
        Assert.Throws<Trap>(() => instance.GetFunc("run")!.Call());
        value.PostReturn();
        Assert.Equal(Val.U32(2), value.Call());
        Assert.Equal(Val.U32(3), value.Call());
    }

    private const string WithPostReturn = """
        (component
          (core module $M
            (global $calls (mut i32) (i32.const 0))
            (global $seen (mut i32) (i32.const 0))
            (func (export "f") (result i32) (i32.const 77))
            (func (export "f-post") (param i32)
              (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
              (global.set $seen (local.get 0)))
            (func (export "calls") (result i32) (global.get $calls))
            (func (export "seen") (result i32) (global.get $seen)))
          (core instance $m (instantiate $M))
          (func (export "f") (result u32) (canon lift (core func $m "f") (post-return (core func $m "f-post"))))
          (func (export "calls") (result u32) (canon lift (core func $m "calls")))
          (func (export "seen") (result u32) (canon lift (core func $m "seen"))))
        """;

    [Fact]
    public void PostReturnRunsExactlyOnceWithTheFlatResults()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var instance = new ComponentLinker(engine).Instantiate(store, Load(engine, WithPostReturn));
        var f = instance.GetFunc("f")!;
        var calls = instance.GetFunc("calls")!;
        Assert.Equal(Val.U32(77), f.CallRaw());
        Assert.Equal(Val.U32(0), PeekCalls());
        f.PostReturn();
        Assert.Equal(Val.U32(1), calls.Call());
        Assert.Throws<InvalidOperationException>(() => f.PostReturn());
        Assert.Equal(Val.U32(1), calls.Call());
        Assert.Equal(Val.U32(77), f.Call());
        Assert.Equal(Val.U32(2), calls.Call());
        Assert.Equal(Val.U32(77), instance.GetFunc("seen")!.Call());

        Val PeekCalls()
        {
            // The instance cannot be entered until post-return has run.
            var t = Assert.Throws<Trap>(() => calls.Call());
            Assert.Equal(TrapCode.CannotEnterComponent, t.Code);
            return Val.U32(0);
        }
    }

    [Fact]
    public void AnImportCalledDuringPostReturnCannotLeave()
    {
        const string text = """
            (component
              (import "cb" (func $cb))
              (core func $cb' (canon lower (func $cb)))
              (core module $M
                (import "" "cb" (func $cb))
                (func (export "f") (result i32) (i32.const 1))
                (func (export "f-post") (param i32) (call $cb)))
              (core instance $m (instantiate $M (with "" (instance (export "cb" (func $cb'))))))
              (func (export "f") (result u32) (canon lift (core func $m "f") (post-return (core func $m "f-post")))))
            """;
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new ComponentLinker(engine);
        int called = 0;
        linker.DefineAction("cb", () => called++);
        var f = linker.Instantiate(store, Load(engine, text)).GetFunc("f")!;
        Assert.Equal(Val.U32(1), f.CallRaw());
        var t = Assert.Throws<Trap>(() => f.PostReturn());
        Assert.Equal(TrapCode.CannotLeaveComponent, t.Code);
        Assert.Equal(0, called);
    }

    [Fact]
    public void ALoweredThenLiftedFunctionReachesTheHostImport()
    {
        const string text = """
            (component
              (import "inc" (func $inc (param "x" u32) (result u32)))
              (core func $low (canon lower (func $inc)))
              (func (export "f") (param "x" u32) (result u32) (canon lift (core func $low))))
            """;
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new ComponentLinker(engine);
        var seen = new List<uint>();
        linker.DefineFunc("inc", (uint x) => { seen.Add(x); return x + 1; });
        var f = linker.Instantiate(store, Load(engine, text)).GetFunc("f")!;
        Assert.Equal(Val.U32(42), f.Call(Val.U32(41)));
        Assert.Equal([41u], seen);
    }

    [Fact]
    public void LoweringALiftOfTheSameInstanceAlwaysTrapsWithItsOwnCode()
    {
        const string text = """
            (component
              (core module $M (func (export "one") (result i32) (i32.const 1)))
              (core instance $m (instantiate $M))
              (func $one (result u32) (canon lift (core func $m "one")))
              (core func $back (canon lower (func $one)))
              (core module $N
                (import "" "back" (func $back (result i32)))
                (func $caller (export "run") (result i32) (call $back)))
              (core instance $n (instantiate $N (with "" (instance (export "back" (func $back))))))
              (func (export "run") (result u32) (canon lift (core func $n "run"))))
            """;
        var engine = new Engine();
        using var store = new Store(engine);
        var run = new ComponentLinker(engine).Instantiate(store, Load(engine, text)).GetFunc("run")!;
        var t = Assert.Throws<Trap>(() => run.Call());
        Assert.Equal(TrapCode.AlwaysTrapAdapter, t.Code);
        Assert.Equal("degenerate component adapter called", t.Message);
        Assert.Contains(t.Backtrace, frame => frame.ToString().Contains("caller", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingAndMistypedImportsAreLinkErrors()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var component = Load(engine, """
            (component
              (import "inc" (func $inc (param "x" u32) (result u32))))
            """);
        var e = Assert.Throws<ComponentLinkException>(() => new ComponentLinker(engine).Instantiate(store, component));
        Assert.Contains("missing import `inc`", e.Message);
        var wrong = new ComponentLinker(engine);
        wrong.DefineFunc("inc", (string s) => s);
        e = Assert.Throws<ComponentLinkException>(() => wrong.Instantiate(store, component));
        Assert.Contains("parameter `x` is u32", e.Message);
    }

    [Fact]
    public void AValueOfTheWrongTypeIsRefusedBeforeEntering()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var f = new ComponentLinker(engine).Instantiate(store, Load(engine, """
            (component
              (core module $M (func (export "id") (param i32) (result i32) (local.get 0)))
              (core instance $m (instantiate $M))
              (func (export "id") (param "x" u32) (result u32) (canon lift (core func $m "id"))))
            """)).GetFunc("id")!;
        Assert.Throws<ComponentTypeMismatchException>(() => f.Call(Val.String("no")));
        Assert.Throws<ComponentTypeMismatchException>(() => f.Call());
        Assert.Equal(Val.U32(9), f.Call(Val.U32(9)));
    }
}
