using Kiln.Wasm.Model;

namespace Kiln.Runtime.Tests.Api;

public sealed class LinkerTests
{
    private readonly Engine engine = new();

    private static Limits L(ulong min, ulong? max = null) => new(min, max);

    private LinkException Unlinkable(Linker linker, Store store, string wat) =>
        Assert.Throws<LinkException>(() => linker.Instantiate(store, Module.FromText(engine, wat)));

    [Fact]
    public void ResolvesEveryKindByModuleAndName()
    {
        using var store = new Store(engine);
        var linker = new Linker(engine);
        var f = Func.FromCallback(store, new FuncType([ValType.I32], []), (_, _, _) => { });
        linker.Define("env", "f", f)
              .Define("env", "mem", new Memory(store, new MemoryType(L(1, 2))))
              .Define("env", "tab", new Table(store, new TableType(ValType.FuncRef, L(10)), Value.Null(ValType.FuncRef)))
              .Define("env", "g", new Global(store, new GlobalType(ValType.F64, true), Value.F64(1)));
        var instance = linker.Instantiate(store, Module.FromText(engine, """
            (module
              (import "env" "f" (func (param i32)))
              (import "env" "mem" (memory 1 2))
              (import "env" "tab" (table 5 funcref))
              (import "env" "g" (global (mut f64))))
            """));
        Assert.Same(f, instance.GetFunction(0));
        Assert.Equal(2UL, instance.GetMemory(0).MaximumPages);
    }

    [Fact]
    public void UnknownImport()
    {
        using var store = new Store(engine);
        var linker = new Linker(engine);
        linker.Define("env", "g", new Global(store, new GlobalType(ValType.I32, false), Value.I32(0)));
        var e = Unlinkable(linker, store, "(module (import \"env\" \"h\" (global i32)))");
        Assert.Equal(LinkErrorKind.UnknownImport, e.Kind);
        Assert.StartsWith("unknown import", e.Message);
        Assert.Contains("\"env\" \"h\"", e.Message);
        Assert.StartsWith("unknown import", Unlinkable(linker, store, "(module (import \"ENV\" \"g\" (global i32)))").Message);
    }

    [Theory]
    // Functions: exact type.
    [InlineData("(func (param i32))", "(func (param i64))")]
    [InlineData("(func (param i32))", "(func (param i32) (result i32))")]
    [InlineData("(func)", "(global i32)")]
    // Globals: same mutability and value type.
    [InlineData("(global i32 (i32.const 0))", "(global (mut i32))")]
    [InlineData("(global (mut i32) (i32.const 0))", "(global i32)")]
    [InlineData("(global i32 (i32.const 0))", "(global i64)")]
    [InlineData("(global (mut funcref) (ref.null func))", "(global (mut externref))")]
    // Memories: provided min >= required min; a required max needs a provided max no larger.
    [InlineData("(memory 1)", "(memory 2)")]
    [InlineData("(memory 1)", "(memory 1 5)")]
    [InlineData("(memory 1 6)", "(memory 1 5)")]
    [InlineData("(memory 1)", "(table 1 funcref)")]
    // Tables: same element type, limits as memories.
    [InlineData("(table 1 funcref)", "(table 2 funcref)")]
    [InlineData("(table 1 funcref)", "(table 1 externref)")]
    [InlineData("(table 1 funcref)", "(table 0 1 funcref)")]
    [InlineData("(table 1 3 funcref)", "(table 0 2 funcref)")]
    public void IncompatibleImportType(string provided, string required)
    {
        using var store = new Store(engine);
        var linker = new Linker(engine).DefineInstance("m", Exporter(store, provided));
        var e = Unlinkable(linker, store, $"(module (import \"m\" \"x\" {required}))");
        Assert.Equal(LinkErrorKind.IncompatibleImportType, e.Kind);
        Assert.StartsWith("incompatible import type", e.Message);
        Assert.Contains("expected", e.Message);
    }

    [Theory]
    [InlineData("(memory 2)", "(memory 1)")]
    [InlineData("(memory 1 5)", "(memory 1)")]
    [InlineData("(memory 2 5)", "(memory 1 6)")]
    [InlineData("(memory 1 5)", "(memory 1 5)")]
    [InlineData("(table 3 funcref)", "(table 2 funcref)")]
    [InlineData("(table 3 4 funcref)", "(table 0 funcref)")]
    [InlineData("(table 3 4 externref)", "(table 3 4 externref)")]
    [InlineData("(global (mut i64) (i64.const 0))", "(global (mut i64))")]
    [InlineData("(global f32 (f32.const 0))", "(global f32)")]
    [InlineData("(func (param i32 i64) (result f32) (f32.const 0))", "(func (param i32 i64) (result f32))")]
    public void CompatibleImports(string provided, string required)
    {
        using var store = new Store(engine);
        var linker = new Linker(engine).DefineInstance("m", Exporter(store, provided));
        linker.Instantiate(store, Module.FromText(engine, $"(module (import \"m\" \"x\" {required}))"));
    }

    /// <summary>An instance exporting <paramref name="definition"/> (index 0 of its kind) as "x".</summary>
    private Instance Exporter(Store store, string definition)
    {
        string kind = definition[1..definition.IndexOfAny([' ', ')'])];
        return Instance.Create(store, Module.FromText(engine, $"(module {definition} (export \"x\" ({kind} 0)))"), []);
    }

    [Fact]
    public void CurrentSizeCountsForMatching()
    {
        // A memory grown to 2 pages now satisfies an import of min 2 (the spec uses the current size).
        using var store = new Store(engine);
        var memory = new Memory(store, new MemoryType(L(1, 4)));
        var linker = new Linker(engine).Define("m", "mem", memory);
        Unlinkable(linker, store, "(module (import \"m\" \"mem\" (memory 2)))");
        memory.Grow(1);
        linker.Instantiate(store, Module.FromText(engine, "(module (import \"m\" \"mem\" (memory 2)))"));
    }

    [Fact]
    public void LimitsSubtyping()
    {
        Assert.True(ImportMatcher.LimitsMatch(L(2), L(1)));
        Assert.True(ImportMatcher.LimitsMatch(L(2, 3), L(1)));
        Assert.True(ImportMatcher.LimitsMatch(L(2, 3), L(2, 3)));
        Assert.True(ImportMatcher.LimitsMatch(L(2, 3), L(1, 4)));
        Assert.False(ImportMatcher.LimitsMatch(L(1), L(2)));
        Assert.False(ImportMatcher.LimitsMatch(L(2), L(1, 4)));
        Assert.False(ImportMatcher.LimitsMatch(L(2, 5), L(1, 4)));
    }

    [Fact]
    public void ShadowingAndHostDefinitionsPerStore()
    {
        var linker = new Linker(engine);
        linker.DefineFunction("env", "f", FuncType.Empty, (_, _, _) => { });
        Assert.Throws<InvalidOperationException>(() => linker.DefineFunction("env", "f", FuncType.Empty, (_, _, _) => { }));
        linker.AllowShadowing = true;
        linker.DefineFunction("env", "f", FuncType.Empty, (_, _, _) => { });

        using var s1 = new Store(engine);
        using var s2 = new Store(engine);
        var module = Module.FromText(engine, "(module (import \"env\" \"f\" (func)))");
        var f1 = linker.Instantiate(s1, module).GetFunction(0);
        var f1Again = linker.Instantiate(s1, module).GetFunction(0);
        var f2 = linker.Instantiate(s2, module).GetFunction(0);
        Assert.Same(f1, f1Again);
        Assert.Same(s2, f2.Store);
        Assert.NotSame(f1, f2);
    }

    [Fact]
    public void DefinitionsFromAnotherStoreAreIncompatible()
    {
        using var s1 = new Store(engine);
        using var s2 = new Store(engine);
        var linker = new Linker(engine).Define("m", "g", new Global(s1, new GlobalType(ValType.I32, false), Value.I32(0)));
        var e = Unlinkable(linker, s2, "(module (import \"m\" \"g\" (global i32)))");
        Assert.Equal(LinkErrorKind.IncompatibleImportType, e.Kind);
        Assert.Throws<ArgumentException>(() => new Linker(new Engine()).Define("m", "g", new Global(s1, new GlobalType(ValType.I32, false), Value.I32(0))));
    }
}
