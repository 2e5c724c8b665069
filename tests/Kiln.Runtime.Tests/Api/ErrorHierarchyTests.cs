using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Driver;
using Kiln.Runtime.Wasi;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Text;
using Kiln.Wasm.Validation;

namespace Kiln.Runtime.Tests.Api;

/// <summary>Issue 16: errors came as seven unrelated exception types. Each failure an embedder can meet is now a
/// <see cref="KilnException"/>, with its specific type below it; and a user's <c>using</c> of the module model beside
/// the runtime compiles (Kiln.Wasm.Model.Module was renamed WasmModule: CS0104 before).</summary>
public sealed class ErrorHierarchyTests
{
    private static KilnException Caught(Action action)
    {
        try
        {
            action();
        }
        catch (KilnException e)
        {
            return e;
        }
        throw new Xunit.Sdk.XunitException("no KilnException was thrown");
    }

    [Fact]
    public void Every_error_an_embedder_meets_is_a_KilnException()
    {
        var engine = new Engine();
        Assert.IsType<WasmDecodeException>(Caught(() => Module.FromBinary(engine, new byte[] { 0, 0x61, 0x73, 0x6d, 9, 0, 0, 0 })));
        Assert.IsType<WatParseException>(Caught(() => Module.FromText(engine, "(module (func (i32.bogus)))")));
        Assert.IsType<WasmValidationException>(Caught(() => Module.FromText(engine, "(module (func (result i32) (i64.const 0)))")));
        Assert.IsType<SimdNotSupportedException>(Caught(() => Module.FromText(engine, "(module (func (result v128) (v128.const i64x2 0 0)))")));
        Assert.IsType<ArtifactException>(Caught(() => Module.Deserialize(engine, new byte[] { 1, 2, 3 })));
        using var store = new Store(engine, new StoreLimits { MaxInstances = 1 });
        Assert.IsType<LinkException>(Caught(() => new Linker(engine).Instantiate(store, Module.FromText(engine, "(module (import \"a\" \"b\" (func)))"))));
        var trapper = new Linker(engine).Instantiate(store, Module.FromText(engine, "(module (func (export \"f\") unreachable))"));
        Assert.IsType<Trap>(Caught(() => trapper.GetFunc("f")!.Call()));
        Assert.IsType<ResourceLimitException>(Caught(() => new Linker(engine).Instantiate(store, Module.FromText(engine, "(module)"))));
        Assert.IsAssignableFrom<KilnException>(new WasiExitException(3));
    }

    [Fact]
    public void The_model_and_the_runtime_can_be_used_side_by_side()
    {
        // Embedder.SideBySide is compiled with 'using Kiln.Runtime; using Kiln.Wasm.Model;' outside Kiln's namespaces.
        var engine = new Engine();
        var model = WatParser.ParseModule("(module (func (export \"f\")))");
        var module = Embedder.SideBySide.Prepare(engine, model);
        Assert.Same(model, module.Source);
    }
}

/// <summary>Engine and Linker are disposable (issue 16), so wasmtime-dotnet's <c>using</c> shapes work; after
/// disposal they refuse further use instead of half-working.</summary>
public sealed class DisposalTests
{
    [Fact]
    public void A_disposed_engine_refuses_new_modules_stores_and_linkers()
    {
        var engine = new Engine();
        using (var store = new Store(engine))
        {
            var module = Module.FromText(engine, "(module (func (export \"f\") (result i32) i32.const 1))");
            engine.Dispose();
            // What exists keeps working.
            Assert.Equal(1, Instance.Create(store, module, []).GetFunc("f")!.AsFunc<int>()());
        }
        Assert.True(engine.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => new Store(engine));
        Assert.Throws<ObjectDisposedException>(() => new Linker(engine));
        Assert.Throws<ObjectDisposedException>(() => Module.FromText(engine, "(module)"));
    }

    [Fact]
    public void A_disposed_linker_drops_its_definitions_and_refuses_use()
    {
        using var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        linker.DefineFunction("env", "one", () => 1);
        var module = Module.FromText(engine, "(module (import \"env\" \"one\" (func (result i32))))");
        linker.Instantiate(store, module);
        linker.Dispose();
        Assert.Throws<ObjectDisposedException>(() => linker.Instantiate(store, module));
        Assert.Throws<ObjectDisposedException>(() => linker.DefineFunction("env", "two", () => 2));
    }
}
