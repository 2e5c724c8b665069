using Kiln.Compiler.Component;
using Kiln.Compiler.Component.Adapters;
using Kiln.Runtime;
using Kiln.Wasm.Validation;

namespace Kiln.Runtime.Tests.Components;

/// <summary>
/// Fused adapters (FACT) between two component instances: the generated adapter modules validate, values of
/// each kind cross between instances with different memories and string encodings, invalid values trap inside
/// the sandbox, flags and post-return follow the canonical ABI.
/// </summary>
public sealed class FusedAdapterTests
{
    private static Kiln.Runtime.Component Load(Engine engine, string text) => Kiln.Runtime.Component.FromText(engine, text);

    // The callee $C answers from its flat parameters; $D's core code calls it through the adapter with raw
    // values (valid or not) and returns what came back, as u32, so the test sees the bits the adapter produced.
    private const string Scalars = """
        (component
          (component $C
            (type $e (enum "a" "b" "c"))
            (export $e' "e-t" (type $e))
            (type $fl (flags "x" "y" "z"))
            (export $fl' "fl-t" (type $fl))
            (core module $M
              (global $posts (mut i32) (i32.const 0))
              (func (export "id") (param i32) (result i32) (local.get 0))
              (func (export "id64") (param i64) (result i64) (local.get 0))
              (func (export "opt") (param i32 i32) (result i32)
                (if (result i32) (local.get 0) (then (local.get 1)) (else (i32.const 99))))
              (func (export "post") (param i32) (global.set $posts (i32.add (global.get $posts) (i32.const 1))))
              (func (export "posts") (result i32) (global.get $posts)))
            (core instance $m (instantiate $M))
            (func (export "u8") (param "x" u8) (result u8) (canon lift (core func $m "id")))
            (func (export "s8") (param "x" s8) (result s8) (canon lift (core func $m "id")))
            (func (export "bool") (param "x" bool) (result bool) (canon lift (core func $m "id")))
            (func (export "char") (param "x" char) (result char) (canon lift (core func $m "id")))
            (func (export "e") (param "x" $e') (result $e') (canon lift (core func $m "id")))
            (func (export "fl") (param "x" $fl') (result $fl') (canon lift (core func $m "id")))
            (func (export "u64") (param "x" u64) (result u64) (canon lift (core func $m "id64")))
            (func (export "opt") (param "x" (option u32)) (result u32) (canon lift (core func $m "opt")))
            (func (export "counted") (param "x" u32) (result u32)
              (canon lift (core func $m "id") (post-return (core func $m "post"))))
            (func (export "posts") (result u32) (canon lift (core func $m "posts"))))
          (instance $c (instantiate $C))
          (alias export $c "e-t" (type $e))
          (alias export $c "fl-t" (type $fl))
          (core func $u8 (canon lower (func $c "u8")))
          (core func $s8 (canon lower (func $c "s8")))
          (core func $bool (canon lower (func $c "bool")))
          (core func $char (canon lower (func $c "char")))
          (core func $e (canon lower (func $c "e")))
          (core func $fl (canon lower (func $c "fl")))
          (core func $u64 (canon lower (func $c "u64")))
          (core func $opt (canon lower (func $c "opt")))
          (core func $counted (canon lower (func $c "counted")))
          (core module $D
            (import "" "u8" (func $u8 (param i32) (result i32)))
            (import "" "s8" (func $s8 (param i32) (result i32)))
            (import "" "bool" (func $bool (param i32) (result i32)))
            (import "" "char" (func $char (param i32) (result i32)))
            (import "" "e" (func $e (param i32) (result i32)))
            (import "" "fl" (func $fl (param i32) (result i32)))
            (import "" "u64" (func $u64 (param i64) (result i64)))
            (import "" "opt" (func $opt (param i32 i32) (result i32)))
            (import "" "counted" (func $counted (param i32) (result i32)))
            (func (export "u8") (param i32) (result i32) (call $u8 (local.get 0)))
            (func (export "s8") (param i32) (result i32) (call $s8 (local.get 0)))
            (func (export "bool") (param i32) (result i32) (call $bool (local.get 0)))
            (func (export "char") (param i32) (result i32) (call $char (local.get 0)))
            (func (export "e") (param i32) (result i32) (call $e (local.get 0)))
            (func (export "fl") (param i32) (result i32) (call $fl (local.get 0)))
            (func (export "u64") (param i64) (result i64) (call $u64 (local.get 0)))
            (func (export "opt") (param i32 i32) (result i32) (call $opt (local.get 0) (local.get 1)))
            (func (export "counted") (param i32) (result i32) (call $counted (local.get 0))))
          (core instance $d (instantiate $D (with "" (instance
            (export "u8" (func $u8)) (export "s8" (func $s8)) (export "bool" (func $bool))
            (export "char" (func $char)) (export "e" (func $e)) (export "fl" (func $fl))
            (export "u64" (func $u64)) (export "opt" (func $opt)) (export "counted" (func $counted))))))
          (func (export "u8") (param "x" u32) (result u32) (canon lift (core func $d "u8")))
          (func (export "s8") (param "x" u32) (result u32) (canon lift (core func $d "s8")))
          (func (export "bool") (param "x" u32) (result u32) (canon lift (core func $d "bool")))
          (func (export "char") (param "x" u32) (result u32) (canon lift (core func $d "char")))
          (func (export "e") (param "x" u32) (result u32) (canon lift (core func $d "e")))
          (func (export "fl") (param "x" u32) (result u32) (canon lift (core func $d "fl")))
          (func (export "u64") (param "x" u64) (result u64) (canon lift (core func $d "u64")))
          (func (export "opt") (param "d" u32) (param "x" u32) (result u32) (canon lift (core func $d "opt")))
          (func (export "counted") (param "x" u32) (result u32) (canon lift (core func $d "counted")))
          (func (export "posts") (alias export $c "posts")))
        """;

    private static ComponentInstance Instantiate(Store store, string text) =>
        new ComponentLinker(store.Engine).Instantiate(store, Load(store.Engine, text));

    [Fact]
    public void EveryGeneratedAdapterValidatesAndOnlyTranscodingOnesUseTheTranslateBuiltins()
    {
        var engine = new Engine();
        int adapters = 0, inWasm = 0;
        foreach (var text in new[] { Scalars, StringsWith("utf8", "utf16"), StringsWith("utf8", "utf8"), StringsWith("utf16", "utf16") })
        {
            var plan = Load(engine, text).Plan;
            foreach (var def in FusedAdapters(plan))
            {
                var adapter = AdapterCompiler.Compile(def, plan.Types);
                ModuleValidator.Validate(adapter.Module);
                var func = plan.Types.Func(def.Callee.Type);
                bool flatOnly = AdapterCompiler.TranslatesInWasm(plan.Types, func, def.CallerOptions.Encoding, def.Callee.Options.Encoding);
                bool usesBuiltins = adapter.Imports.Any(i => i is BuiltinImport { Builtin: not AdapterBuiltin.Trap });
                Assert.Equal(!flatOnly, usesBuiltins);
                Assert.Contains(new FlagsImport(def.CallerInstance), adapter.Imports);
                Assert.Contains(new FlagsImport(def.Callee.Options.Instance), adapter.Imports);
                Assert.Equal(def.Signature, adapter.Module.FunctionType((uint)adapter.Module.ImportedFunctionCount));
                adapters++;
                if (flatOnly) inWasm++;
            }
        }
        Assert.Equal(12, adapters);
        Assert.Equal(11, inWasm);
    }

    [Fact]
    public void TheAdaptersOfOneInstantiationShareOneModule()
    {
        var plan = Load(new Engine(), Scalars).Plan;
        var defs = FusedAdapters(plan).ToList();
        var group = Assert.Single(AdapterPartition.Of(plan));
        Assert.Equal(defs, group.Adapters);
        var adapter = AdapterCompiler.Compile(group, plan.Types);
        ModuleValidator.Validate(adapter.Module);
        Assert.Equal(defs.Count, adapter.Module.Functions.Count);
        Assert.Equal(defs.Count, adapter.Descriptions.Count);
        for (int i = 0; i < defs.Count; i++)
            Assert.Contains(adapter.Module.Exports, e => e.Name == AdapterModule.Export(i));
        // Both instances' flags and the trap builtin are imported once, not once per adapter.
        Assert.Equal(2, adapter.Module.ImportedGlobalCount);
        Assert.Single(adapter.Imports, i => i is BuiltinImport { Builtin: AdapterBuiltin.Trap });
    }

    private static IEnumerable<FusedAdapterDef> FusedAdapters(ComponentPlan plan)
    {
        foreach (var init in plan.Initializers)
            if (init is InstantiateModule im)
                foreach (var a in im.Args)
                    if (a is FusedAdapterDef f) yield return f;
    }

    [Fact]
    public void ScalarsCrossWithTheAbisLiftingRules()
    {
        using var store = new Store(new Engine());
        var i = Instantiate(store, Scalars);
        Val Call(string f, uint x) => i.GetFunc(f)!.Call(Val.U32(x))!;
        Assert.Equal(Val.U32(0xff), Call("u8", 0x1ff));           // only the low 8 bits are the u8
        Assert.Equal(Val.U32(0xffffff80), Call("s8", 0x180));      // sign-extended from bit 7
        Assert.Equal(Val.U32(1), Call("bool", 7));                 // nonzero is true
        Assert.Equal(Val.U32(0x1F600), Call("char", 0x1F600));
        Assert.Equal(Val.U32(2), Call("e", 2));
        Assert.Equal(Val.U32(5), Call("fl", 0xfffffffd));          // bits past the 3 flags are dropped
        Assert.Equal(Val.U64(0x1234_5678_9abc_def0), i.GetFunc("u64")!.Call(Val.U64(0x1234_5678_9abc_def0)));
        Assert.Equal(Val.U32(42), i.GetFunc("opt")!.Call(Val.U32(1), Val.U32(42)));
        Assert.Equal(Val.U32(99), i.GetFunc("opt")!.Call(Val.U32(0), Val.U32(42)));
    }

    [Theory]
    [InlineData("char", 0xD800u, "invalid `char` bit pattern")]
    [InlineData("char", 0x110000u, "invalid `char` bit pattern")]
    [InlineData("e", 3u, "invalid variant discriminant")]
    public void InvalidValuesTrapInsideTheSandbox(string func, uint value, string message)
    {
        using var store = new Store(new Engine());
        var i = Instantiate(store, Scalars);
        var t = Assert.Throws<Trap>(() => i.GetFunc(func)!.Call(Val.U32(value)));
        Assert.Equal(TrapCode.ComponentAbi, t.Code);
        Assert.Contains(message, t.Message);
    }

    [Fact]
    public void AnInvalidOptionDiscriminantTraps()
    {
        using var store = new Store(new Engine());
        var i = Instantiate(store, Scalars);
        var t = Assert.Throws<Trap>(() => i.GetFunc("opt")!.Call(Val.U32(2), Val.U32(1)));
        Assert.Contains("invalid variant discriminant", t.Message);
    }

    [Fact]
    public void PostReturnRunsOnceAfterEachCallAndTheCalleeCanBeEnteredAgain()
    {
        using var store = new Store(new Engine());
        var i = Instantiate(store, Scalars);
        for (uint n = 1; n <= 3; n++) Assert.Equal(Val.U32(n), i.GetFunc("counted")!.Call(Val.U32(n)));
        Assert.Equal(Val.U32(3), i.GetFunc("posts")!.Call());
    }

    // $C echoes a string in its own memory and encoding; $D (another memory, another encoding) forwards the
    // host's string to it through the adapter and returns what came back.
    private static string StringsWith(string callerEncoding, string calleeEncoding) => $$"""
        (component
          (component $C
            (core module $M
              {{TestWat.MemoryAndRealloc(1024)}}
              (func (export "echo") (param i32 i32) (result i32)
                (i32.store (i32.const 0) (local.get 0))
                (i32.store (i32.const 4) (local.get 1))
                (i32.const 0)))
            (core instance $m (instantiate $M))
            (func (export "echo") (param "s" string) (result string)
              (canon lift (core func $m "echo") (memory $m "mem") (realloc (core func $m "realloc")) string-encoding={{calleeEncoding}})))
          (instance $c (instantiate $C))
          (core module $Libc
            {{TestWat.MemoryAndRealloc(4096)}})
          (core instance $libc (instantiate $Libc))
          (core func $echo (canon lower (func $c "echo") (memory $libc "mem") (realloc (core func $libc "realloc")) string-encoding={{callerEncoding}}))
          (core module $D
            (import "" "echo" (func $echo (param i32 i32 i32)))
            (func (export "echo") (param i32 i32) (result i32)
              (call $echo (local.get 0) (local.get 1) (i32.const 16))
              (i32.const 16)))
          (core instance $d (instantiate $D (with "" (instance (export "echo" (func $echo))))))
          (func (export "echo") (param "s" string) (result string)
            (canon lift (core func $d "echo") (memory $libc "mem") (realloc (core func $libc "realloc")) string-encoding={{callerEncoding}})))
        """;

    [Theory]
    [InlineData("utf8", "utf16", "héllo ☃ 😀 ツ")]
    [InlineData("utf16", "utf8", "héllo ☃ 😀 ツ")]
    [InlineData("utf8", "latin1+utf16", "héllo wörld")]
    [InlineData("latin1+utf16", "utf8", "héllo ☃ 😀")]
    [InlineData("utf16", "latin1+utf16", "héllo ☃ 😀")]
    [InlineData("latin1+utf16", "utf16", "wörld")]
    [InlineData("utf8", "utf8", "")]
    public void StringsCrossBetweenMemoriesAndEncodings(string caller, string callee, string text)
    {
        using var store = new Store(new Engine());
        var i = Instantiate(store, StringsWith(caller, callee));
        Assert.Equal(Val.String(text), i.GetFunc("echo")!.Call(Val.String(text)));
    }
}
