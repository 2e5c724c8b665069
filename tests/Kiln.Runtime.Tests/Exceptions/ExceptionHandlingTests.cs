using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Driver;
using Kiln.Runtime.Tests.Execution;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;

namespace Kiln.Runtime.Tests.Exceptions;

/// <summary>
/// Wasm 3.0 exception handling executed: throw and try_table with each catch clause, within a function, across
/// calls and instances, payloads of every scalar type and externref, rethrow through exnref, exceptions that reach
/// the host as <see cref="WasmException"/>, and that traps stay traps.
/// </summary>
public sealed class ExceptionHandlingTests : IDisposable
{
    private readonly Engine engine = new();
    private readonly Store store;

    public ExceptionHandlingTests() => store = new Store(engine);

    public void Dispose() => store.Dispose();

    private const string Thrower = """
        (module
          (tag $e (export "e") (param i32))
          (tag $multi (export "multi") (param i32 i64 f32 f64 externref))
          (tag $empty (export "empty"))
          (func $throw (export "throw") (param i32) (throw $e (local.get 0)))
          (func (export "throw-multi") (param i32 i64 f32 f64 externref)
            (throw $multi (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)))
          (func $deep (export "deep") (param i32)
            (if (i32.eqz (local.get 0)) (then (throw $e (i32.const 77))))
            (call $deep (i32.sub (local.get 0) (i32.const 1))))
          (func (export "catch-same-function") (param i32) (result i32)
            (block $h (result i32)
              (try_table (result i32) (catch $e $h)
                (if (local.get 0) (then (throw $e (i32.add (local.get 0) (i32.const 100)))))
                (i32.const -1)))
            )
          (func (export "catch-across-calls") (param i32) (result i32)
            (local $kept i32)
            (local.set $kept (i32.const 5))
            (block $h (result i32)
              (try_table (result i32) (catch $e $h)
                (call $throw (local.get 0))
                (i32.const -1)))
            (i32.add (local.get $kept)))
          (func (export "catch-deep") (param i32) (result i32)
            (block $h (result i32)
              (try_table (catch $e $h) (call $deep (local.get 0)))
              (i32.const -1)))
          (func (export "catch-all") (result i32)
            (block $h
              (try_table (catch_all $h) (throw $empty))
              (return (i32.const 0)))
            (i32.const 1))
          (func (export "rethrow") (param i32) (result i32)
            (local $x exnref)
            (block $h (result i32 exnref)
              (try_table (catch_ref $e $h) (call $throw (local.get 0)))
              (return (i32.const -1)))
            (local.set $x)
            (drop)
            (block $outer (result i32)
              (try_table (result i32) (catch $e $outer) (throw_ref (local.get $x)))))
          (func (export "rethrow-to-host") (param i32)
            (block $h (result exnref)
              (try_table (catch_all_ref $h) (call $throw (local.get 0)))
              (return))
            (throw_ref))
          (func $sum (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
              (else (i32.add (local.get 0) (call $sum (i32.sub (local.get 0) (i32.const 1)))))))
          (func (export "deep-recursion-in-try") (param i32) (result i32)
            (block $h (result i32)
              (try_table (result i32) (catch $e $h) (call $sum (local.get 0)))))
          (func (export "trap-in-try") (result i32)
            (block $h
              (try_table (catch_all $h) (unreachable)))
            (i32.const 1))
          (func (export "no-match") (result i32)
            (block $h
              (try_table (catch $empty $h) (call $throw (i32.const 3))))
            (i32.const 9)))
        """;

    private Instance Instantiate(string wat = Thrower, Linker? linker = null) => Wat.Instantiate(store, wat, linker);

    private static int I32(Instance i, string name, params Value[] args) => i.GetFunc(name)!.Call(args)[0].AsI32();

    [Fact]
    public void CatchInTheSameFunctionDeliversThePayload()
    {
        var i = Instantiate();
        Assert.Equal(107, I32(i, "catch-same-function", Value.I32(7)));
        Assert.Equal(-1, I32(i, "catch-same-function", Value.I32(0)));
    }

    [Fact]
    public void CatchAcrossCallsKeepsLocalsLiveIntoTheHandler()
    {
        var i = Instantiate();
        Assert.Equal(47, I32(i, "catch-across-calls", Value.I32(42)));
    }

    [Fact]
    public void AnExceptionUnwindsThroughManyFrames()
    {
        var i = Instantiate();
        Assert.Equal(77, I32(i, "catch-deep", Value.I32(5000)));
    }

    [Fact]
    public void CatchAllAndRethrowThroughExnref()
    {
        var i = Instantiate();
        Assert.Equal(1, I32(i, "catch-all"));
        Assert.Equal(12, I32(i, "rethrow", Value.I32(12)));
    }

    [Fact]
    public void DeepRecursionInsideATryTableIsUnaffected()
    {
        var i = Instantiate();
        Assert.Equal(5000 * 5001 / 2, I32(i, "deep-recursion-in-try", Value.I32(5000)));
    }

    [Fact]
    public void AClauseForAnotherTagLetsTheExceptionThrough()
    {
        var i = Instantiate();
        var e = Assert.Throws<WasmException>(() => i.GetFunc("no-match")!.Call());
        Assert.Same(i.GetTag("e"), e.Exception.Tag);
        Assert.Equal(3, e.Exception.GetPayload()[0].AsI32());
    }

    [Fact]
    public void TrapsAreNotCaughtByCatchAll()
    {
        var i = Instantiate();
        var t = Assert.Throws<Trap>(() => i.GetFunc("trap-in-try")!.Call());
        Assert.Equal(TrapCode.Unreachable, t.Code);
    }

    [Fact]
    public void AnUncaughtExceptionReachesTheHostWithItsTagAndPayload()
    {
        var i = Instantiate();
        var marker = new object();
        var e = Assert.Throws<WasmException>(() => i.GetFunc("throw-multi")!.Call(
            Value.I32(-3), Value.I64(long.MinValue + 5), Value.F32(1.5f), Value.F64(-2.25), Value.ExternRef(marker)));
        Assert.Same(i.GetTag("multi"), e.Exception.Tag);
        var p = e.Exception.GetPayload();
        Assert.Equal(-3, p[0].AsI32());
        Assert.Equal(long.MinValue + 5, p[1].AsI64());
        Assert.Equal(1.5f, p[2].AsF32());
        Assert.Equal(-2.25, p[3].AsF64());
        Assert.Same(marker, p[4].AsExternRef());
        Assert.IsAssignableFrom<KilnException>(e);
    }

    [Fact]
    public void ARethrownExceptionReachesTheHostUnchanged()
    {
        var i = Instantiate();
        var e = Assert.Throws<WasmException>(() => i.GetFunc("rethrow-to-host")!.Call(Value.I32(8)));
        Assert.Same(i.GetTag("e"), e.Exception.Tag);
        Assert.Equal(8, e.Exception.GetPayload()[0].AsI32());
    }

    [Fact]
    public void TagsMatchAcrossInstancesByIdentity()
    {
        var a = Instantiate();
        var b = Instantiate(); // the same module again: its tags are new ones
        var linker = new Linker(engine);
        linker.Define("a", "e", a.GetTag("e")!);
        linker.Define("a", "throw", a.GetFunc("throw")!);
        linker.Define("b", "throw", b.GetFunc("throw")!);
        var catcher = Instantiate("""
            (module
              (import "a" "e" (tag $e (param i32)))
              (import "a" "throw" (func $throw-a (param i32)))
              (import "b" "throw" (func $throw-b (param i32)))
              (func (export "catch-a") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (catch $e $h) (call $throw-a (local.get 0)))
                  (i32.const -1)))
              (func (export "catch-b") (param i32) (result i32)
                (block $all
                  (block $h (result i32)
                    (try_table (catch $e $h) (catch_all $all) (call $throw-b (local.get 0)))
                    (return (i32.const -1)))
                  (return))
                (i32.const -2)))
            """, linker);
        Assert.Equal(31, I32(catcher, "catch-a", Value.I32(31)));
        Assert.Equal(-2, I32(catcher, "catch-b", Value.I32(31)));
    }

    [Fact]
    public void ATagImportOfAnotherTypeDoesNotLink()
    {
        var a = Instantiate();
        var linker = new Linker(engine);
        linker.Define("a", "e", a.GetTag("e")!);
        Assert.Throws<LinkException>(() => Instantiate("""(module (import "a" "e" (tag (param i64))))""", linker));
    }

    [Fact]
    public void ArtifactsCarryTheLandingSites()
    {
        var bytes = ArtifactCompiler.Compile(WatParser.ParseModule(Thrower), ModuleCompilerOptions.Default with { Threads = 1 });
        using var module = Module.FromArtifact(engine, bytes, new ArtifactLoadOptions { AvailableFeatures = new Kiln.Codegen.CpuFeatures(~0u) });
        var i = new Linker(engine).Instantiate(store, module);
        Assert.Equal(47, I32(i, "catch-across-calls", Value.I32(42)));
        Assert.Equal(77, I32(i, "catch-deep", Value.I32(100)));
    }
}
