using Kiln.Compiler.Artifacts;
using Kiln.Compiler.Component;
using Kiln.Compiler.Component.Adapters;
using Kiln.Runtime;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Validation;

namespace Kiln.Runtime.Tests.Components;

/// <summary>
/// Fused adapters that copy in wasm: strings of one encoding and lists cross between two memories through code the
/// adapter generator emits (imported memories and reallocs, <c>memory.copy</c>, element loops), spilled parameter
/// tuples too; the canonical ABI's checks trap with the runtime's wording; compiled adapter modules live in component
/// artifacts, so loading one compiles nothing.
/// </summary>
public sealed class FusedAdapterCopyTests
{
    private static string Params17(string prefix) => string.Join(' ', Enumerable.Range(0, 17).Select(i => $"(param \"{prefix}{i}\" u32)"));

    // $C answers in its memory; $D forwards to it through adapters, raw where the test needs bad pointers.
    private static readonly string Copies = $$"""
        (component
          (component $C
            (core module $M
              {{TestWat.MemoryAndRealloc(1024)}}
              (func (export "echo") (param i32 i32) (result i32)
                (i32.store (i32.const 0) (local.get 0)) (i32.store (i32.const 4) (local.get 1)) (i32.const 0))
              (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $s i32)
                (block $done (loop $l
                  (br_if $done (i32.eqz (local.get $n)))
                  (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
                  (local.set $p (i32.add (local.get $p) (i32.const 4)))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $l)))
                (local.get $s))
              (func (export "many") (param $p i32) (result i32) (local $s i32) (local $i i32)
                (loop $l
                  (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (i32.const 17))))
                (local.get $s)))
            (core instance $m (instantiate $M))
            (func (export "echo-s") (param "s" string) (result string)
              (canon lift (core func $m "echo") (memory $m "mem") (realloc (core func $m "realloc"))))
            (func (export "echo-s16") (param "s" string) (result string)
              (canon lift (core func $m "echo") (memory $m "mem") (realloc (core func $m "realloc")) string-encoding=utf16))
            (func (export "echo-l") (param "l" (list u32)) (result (list u32))
              (canon lift (core func $m "echo") (memory $m "mem") (realloc (core func $m "realloc"))))
            (func (export "echo-ls") (param "l" (list string)) (result (list string))
              (canon lift (core func $m "echo") (memory $m "mem") (realloc (core func $m "realloc"))))
            (func (export "sum") (param "l" (list u32)) (result u32)
              (canon lift (core func $m "sum") (memory $m "mem") (realloc (core func $m "realloc"))))
            (func (export "many") {{Params17("a")}} (result u32)
              (canon lift (core func $m "many") (memory $m "mem") (realloc (core func $m "realloc")))))
          (instance $c (instantiate $C))
          (core module $Libc
            {{TestWat.MemoryAndRealloc(4096)}}
            (data (memory 0) (i32.const 64) "\ff\fe"))
          (core instance $libc (instantiate $Libc))
          (core func $echo-s (canon lower (func $c "echo-s") (memory $libc "mem") (realloc (core func $libc "realloc"))))
          (core func $echo-s16 (canon lower (func $c "echo-s16") (memory $libc "mem") (realloc (core func $libc "realloc")) string-encoding=utf16))
          (core func $echo-l (canon lower (func $c "echo-l") (memory $libc "mem") (realloc (core func $libc "realloc"))))
          (core func $echo-ls (canon lower (func $c "echo-ls") (memory $libc "mem") (realloc (core func $libc "realloc"))))
          (core func $sum (canon lower (func $c "sum") (memory $libc "mem") (realloc (core func $libc "realloc"))))
          (core func $many (canon lower (func $c "many") (memory $libc "mem") (realloc (core func $libc "realloc"))))
          (core module $D
            (import "" "echo-s" (func $echo-s (param i32 i32 i32)))
            (import "" "echo-s16" (func $echo-s16 (param i32 i32 i32)))
            (import "" "echo-l" (func $echo-l (param i32 i32 i32)))
            (import "" "echo-ls" (func $echo-ls (param i32 i32 i32)))
            (import "" "sum" (func $sum (param i32 i32) (result i32)))
            (import "" "many" (func $many (param i32) (result i32)))
            (import "" "mem" (memory 1))
            (func (export "echo-s") (param i32 i32) (result i32) (call $echo-s (local.get 0) (local.get 1) (i32.const 16)) (i32.const 16))
            (func (export "echo-s16") (param i32 i32) (result i32) (call $echo-s16 (local.get 0) (local.get 1) (i32.const 16)) (i32.const 16))
            (func (export "echo-l") (param i32 i32) (result i32) (call $echo-l (local.get 0) (local.get 1) (i32.const 16)) (i32.const 16))
            (func (export "echo-ls") (param i32 i32) (result i32) (call $echo-ls (local.get 0) (local.get 1) (i32.const 16)) (i32.const 16))
            (func (export "echo-raw") (param i32 i32) (result i32) (call $echo-s (local.get 0) (local.get 1) (i32.const 16)) (i32.load (i32.const 20)))
            (func (export "sum-raw") (param i32 i32) (result i32) (call $sum (local.get 0) (local.get 1)))
            (func (export "many") (param i32) (result i32) (call $many (local.get 0))))
          (core instance $d (instantiate $D (with "" (instance
            (export "echo-s" (func $echo-s)) (export "echo-s16" (func $echo-s16)) (export "echo-l" (func $echo-l))
            (export "echo-ls" (func $echo-ls)) (export "sum" (func $sum)) (export "many" (func $many))
            (export "mem" (memory $libc "mem"))))))
          (func (export "echo-s") (param "s" string) (result string)
            (canon lift (core func $d "echo-s") (memory $libc "mem") (realloc (core func $libc "realloc"))))
          (func (export "echo-s16") (param "s" string) (result string)
            (canon lift (core func $d "echo-s16") (memory $libc "mem") (realloc (core func $libc "realloc")) string-encoding=utf16))
          (func (export "echo-l") (param "l" (list u32)) (result (list u32))
            (canon lift (core func $d "echo-l") (memory $libc "mem") (realloc (core func $libc "realloc"))))
          (func (export "echo-ls") (param "l" (list string)) (result (list string))
            (canon lift (core func $d "echo-ls") (memory $libc "mem") (realloc (core func $libc "realloc"))))
          (func (export "echo-raw") (param "p" u32) (param "n" u32) (result u32) (canon lift (core func $d "echo-raw")))
          (func (export "sum-raw") (param "p" u32) (param "n" u32) (result u32) (canon lift (core func $d "sum-raw")))
          (func (export "many") {{Params17("b")}} (result u32)
            (canon lift (core func $d "many") (memory $libc "mem") (realloc (core func $libc "realloc")))))
        """;

    private static ComponentInstance Instantiate(Store store, Kiln.Runtime.Component c) =>
        new ComponentLinker(store.Engine).Instantiate(store, c);

    [Fact]
    public void EveryAdapterCopiesInWasmBetweenTheTwoMemories()
    {
        var plan = Kiln.Runtime.Component.FromText(new Engine(), Copies).Plan;
        var group = Assert.Single(AdapterPartition.Of(plan));
        var adapter = AdapterCompiler.Compile(group, plan.Types);
        ModuleValidator.Validate(adapter.Module);
        Assert.DoesNotContain(adapter.Imports, i => i is BuiltinImport { Builtin: not AdapterBuiltin.Trap });
        // Both sides' memories and reallocs, as the plan numbers them (one per canonical options occurrence).
        foreach (var def in group.Adapters)
        {
            Assert.Contains(new MemoryImport(def.CallerOptions.Memory!.Value), adapter.Imports);
            Assert.Contains(new MemoryImport(def.Callee.Options.Memory!.Value), adapter.Imports);
            Assert.Contains(new ReallocImport(def.Callee.Options.Realloc!.Value), adapter.Imports);
        }
        Assert.Equal(adapter.Imports.Count(i => i is MemoryImport), (int)adapter.Module.ImportedMemoryCount);
        // The u32 list is copied with memory.copy from the caller's memory to the callee's and back.
        Assert.Contains(adapter.Module.Codes, c => Decodes(c.Code, Opcode.MemoryCopy));
        Assert.Contains("adapter: 0/echo-s -> 1/echo", group.Names);
    }

    private static bool Decodes(ReadOnlyMemory<byte> code, Opcode op)
    {
        var reader = new InstructionReader(code.Span, 0);
        while (!reader.AtEnd)
            if (reader.Read().Opcode == op) return true;
        return false;
    }

    [Theory]
    [InlineData("echo-s", "")]
    [InlineData("echo-s", "héllo ☃ 😀 ツ, and a longer tail to make it more than a word or two long")]
    [InlineData("echo-s16", "héllo ☃ 😀 ツ")]
    public void StringsOfOneEncodingCrossWhole(string func, string text)
    {
        using var store = new Store(new Engine());
        var i = Instantiate(store, Kiln.Runtime.Component.FromText(store.Engine, Copies));
        Assert.Equal(Val.String(text), i.GetFunc(func)!.Call(Val.String(text)));
    }

    [Fact]
    public void ListsCrossWholeByCopyAndByElementLoop()
    {
        using var store = new Store(new Engine());
        var i = Instantiate(store, Kiln.Runtime.Component.FromText(store.Engine, Copies));
        var numbers = Val.List([.. Enumerable.Range(0, 300).Select(n => Val.U32((uint)(n * 7 + 1)))]);
        Assert.Equal(numbers, i.GetFunc("echo-l")!.Call(numbers));
        Assert.Equal(Val.List([]), i.GetFunc("echo-l")!.Call(Val.List([])));
        var strings = Val.List([Val.String("a"), Val.String(""), Val.String("ツツツ"), Val.String(new string('x', 100))]);
        Assert.Equal(strings, i.GetFunc("echo-ls")!.Call(strings));
        var args = Enumerable.Range(1, 17).Select(n => Val.U32((uint)n)).ToArray();
        Assert.Equal(Val.U32(17 * 18 / 2), i.GetFunc("many")!.Call(args));
    }

    [Theory]
    [InlineData("echo-raw", 64u, 2u, "invalid utf-8")]
    [InlineData("echo-raw", 65530u, 10u, "string content out-of-bounds")]
    [InlineData("echo-raw", 0u, 0x10000000u, "string content out-of-bounds")]
    [InlineData("sum-raw", 0xfffffff0u, 4u, "list content out-of-bounds")]
    [InlineData("sum-raw", 2u, 1u, "unaligned pointer")]
    [InlineData("sum-raw", 0u, 0x40000000u, "list content out-of-bounds")]
    public void BadStringsAndListsTrapWithTheAbisWording(string func, uint ptr, uint len, string message)
    {
        using var store = new Store(new Engine());
        var i = Instantiate(store, Kiln.Runtime.Component.FromText(store.Engine, Copies));
        var t = Assert.Throws<Trap>(() => i.GetFunc(func)!.Call(Val.U32(ptr), Val.U32(len)));
        Assert.Equal(TrapCode.ComponentAbi, t.Code);
        Assert.Contains(message, t.Message);
    }

    [Fact]
    public void AComponentArtifactHoldsItsAdapterModulesAndLoadingItCompilesNothing()
    {
        var engine = new Engine();
        var bytes = Kiln.Runtime.Component.FromText(engine, Copies).Serialize();
        int before = engine.ModulesCompiled;
        var loaded = Kiln.Runtime.Component.FromArtifact(engine, bytes);
        using var store = new Store(engine);
        var i = Instantiate(store, loaded);
        Assert.Equal(Val.String("from an artifact"), i.GetFunc("echo-s")!.Call(Val.String("from an artifact")));
        Assert.Equal(Val.U32(0), i.GetFunc("sum-raw")!.Call(Val.U32(0), Val.U32(0)));
        Assert.Equal(before, engine.ModulesCompiled);

        // The compiler's artifact (kiln compile) holds them too, and kiln objdump names them.
        var model = Kiln.Component.Text.ComponentTextParser.Parse(Copies);
        var compiled = ComponentArtifactCompiler.Compile(model);
        var read = ComponentArtifactReader.Read(compiled);
        var plan = ComponentTranslator.Translate(model, Kiln.Component.Validation.ComponentValidator.ValidateDetailed(model));
        var modules = read.ModuleArtifacts.Select(m => ArtifactReader.Read(m)).ToList();
        Assert.Equal(plan.Modules.Count + 1, modules.Count);
        string listing = ComponentArtifactListing.Print(plan, modules, read.Compatibility);
        Assert.Contains(";; ==== fused adapter module 0 ====", listing);
        Assert.Contains("<adapter: 0/echo-s -> 1/echo>", listing);
        Assert.Contains("<adapter: 0/many -> 1/many>", listing);
        int again = engine.ModulesCompiled;
        Assert.Equal(Val.U32(3), Instantiate(new Store(engine), Kiln.Runtime.Component.FromArtifact(engine, compiled))
            .GetFunc("many")!.Call([.. Enumerable.Repeat(Val.U32(0), 14), Val.U32(1), Val.U32(1), Val.U32(1)]));
        Assert.Equal(again, engine.ModulesCompiled);
    }
}
