using Kiln.Compiler.Artifacts;
using Kiln.Runtime;

namespace Kiln.Runtime.Tests.Components;

/// <summary>Components as artifacts: serialized and loaded without recompiling, refused with typed errors when damaged,
/// sealed under another key or of the wrong kind; the always-trap functions compiled into them.</summary>
public sealed class ComponentArtifactTests
{
    private const string WithAlwaysTrap = """
        (component
          (core module $M (func (export "one") (result i32) (i32.const 1)))
          (core instance $m (instantiate $M))
          (func $one (result u32) (canon lift (core func $m "one")))
          (core func $back (canon lower (func $one)))
          (core module $N
            (import "" "back" (func $back (result i32)))
            (func $caller (export "run") (result i32) (call $back))
            (func (export "two") (result i32) (i32.const 2)))
          (core instance $n (instantiate $N (with "" (instance (export "back" (func $back))))))
          (func (export "run") (result u32) (canon lift (core func $n "run")))
          (func (export "two") (result u32) (canon lift (core func $n "two"))))
        """;

    private static ComponentInstance Instantiate(Engine engine, Kiln.Runtime.Component c) =>
        new ComponentLinker(engine).Instantiate(new Store(engine), c);

    [Fact]
    public void ASerializedComponentLoadsAndRuns()
    {
        var engine = new Engine();
        var bytes = Kiln.Runtime.Component.FromText(engine, WithAlwaysTrap).Serialize();
        var loaded = Kiln.Runtime.Component.FromArtifact(engine, bytes);
        Assert.Equal(2u, Instantiate(engine, loaded).GetFunc("two")!.Typed<uint>().Call());
        // The artifact holds the always-trap code too: the trap keeps its code and backtrace.
        var t = Assert.Throws<Trap>(() => Instantiate(engine, loaded).GetFunc("run")!.Call());
        Assert.Equal(TrapCode.AlwaysTrapAdapter, t.Code);
        Assert.Contains("always-trap [] -> [i32]", t.Backtrace[0].ToString(), StringComparison.Ordinal);
        Assert.Contains(t.Backtrace, f => f.ToString().Contains("caller", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCompilersArtifactEqualsWhatTheRuntimeLoads()
    {
        var model = Kiln.Component.Text.ComponentTextParser.Parse(WithAlwaysTrap);
        var bytes = ComponentArtifactCompiler.Compile(model);
        var engine = new Engine();
        Assert.Equal(2u, Instantiate(engine, Kiln.Runtime.Component.FromArtifact(engine, bytes)).GetFunc("two")!.Typed<uint>().Call());
    }

    [Fact]
    public void TheAlwaysTrapFunctionIsCompiledCodeWithItsOwnTrapCode()
    {
        var engine = new Engine();
        var t = Assert.Throws<Trap>(() => Instantiate(engine, Kiln.Runtime.Component.FromText(engine, WithAlwaysTrap)).GetFunc("run")!.Call());
        Assert.Equal(TrapCode.AlwaysTrapAdapter, t.Code);
        Assert.Equal("degenerate component adapter called", t.Message);
        // Innermost frame: the compiled always-trap function (not a host function), then the caller.
        Assert.Equal(2, t.BacktraceDepth);
        Assert.Contains("always-trap [] -> [i32]", t.Backtrace[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("caller", t.Backtrace[1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DamagedKeyedAndWrongKindArtifactsAreRefusedWithTypedErrors()
    {
        var engine = new Engine();
        var component = Kiln.Runtime.Component.FromText(engine, WithAlwaysTrap);
        var bytes = component.Serialize();
        foreach (int at in new[] { 100, bytes.Length / 2, bytes.Length - 1 })
        {
            var bad = (byte[])bytes.Clone();
            bad[at] ^= 0x40;
            Assert.Equal(ArtifactErrorKind.Integrity, Assert.Throws<ArtifactException>(() => Kiln.Runtime.Component.FromArtifact(engine, bad)).Kind);
        }
        Assert.Equal(ArtifactErrorKind.Integrity, Assert.Throws<ArtifactException>(() => Kiln.Runtime.Component.FromArtifact(engine, bytes.AsMemory(0, bytes.Length - 8))).Kind);
        var key = new byte[32];
        var keyed = component.Serialize(key);
        Assert.Equal(ArtifactErrorKind.KeyRequired, Assert.Throws<ArtifactException>(() => Kiln.Runtime.Component.FromArtifact(engine, keyed)).Kind);
        Assert.Equal(2u, Instantiate(engine, Kiln.Runtime.Component.FromArtifact(engine, keyed, new ArtifactLoadOptions { IntegrityKey = key }))
            .GetFunc("two")!.Typed<uint>().Call());
        Assert.Equal(ArtifactErrorKind.WrongKind, Assert.Throws<ArtifactException>(() => Kiln.Runtime.Module.FromArtifact(engine, bytes)).Kind);
        var module = Kiln.Runtime.Module.FromText(engine, "(module (func (export \"f\")))");
        Assert.Equal(ArtifactErrorKind.WrongKind, Assert.Throws<ArtifactException>(() => Kiln.Runtime.Component.FromArtifact(engine, module.Serialize())).Kind);
        Assert.Equal(ArtifactErrorKind.NotAnArtifact, Assert.Throws<ArtifactException>(() => Kiln.Runtime.Component.FromArtifact(engine, new byte[] { 0, 0x61, 0x73, 0x6d })).Kind);
    }
}
