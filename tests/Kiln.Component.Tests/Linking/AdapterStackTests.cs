using Kiln.Component.Binary;
using Kiln.Component.Linking;
using Kiln.Component.Validation;
using Kiln.Component.Wit.Resolution;
using Kiln.Reference;
using W = Kiln.Reference.ComponentValue;

namespace Kiln.Component.Tests.Linking;

/// <summary>
/// An adapter's stack is its own: with the program's <c>cabi_realloc</c> it is allocated from the program's heap,
/// without one from a fresh memory page; either way the adapter's stack pointer (0 in the adapter, as built) is
/// moved before the program runs, so the adapter never writes over the program's stack. Run under Wasmtime.
/// </summary>
public sealed class AdapterStackTests
{
    // The adapter reports the stack pointer its function sees after its prologue (clang's shape, no names).
    private const string Adapter = """
        (module
          (import "env" "memory" (memory 0))
          (global $sp (mut i32) (i32.const 0))
          (func (export "where") (result i32) (local $frame i32)
            (global.get $sp) (i32.const 16) (i32.sub) (local.tee $frame) (global.set $sp)
            (i32.store (local.get $frame) (i32.const 42))
            (global.set $sp (i32.add (local.get $frame) (i32.const 16)))
            (local.get $frame)))
        """;

    private static string Program(bool withRealloc) => $$"""
        (module
          (import "ad" "where" (func $where (result i32)))
          (memory (export "memory") 2)
          (global $bump (mut i32) (i32.const 1024))
          {{(withRealloc ? """
          (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
            (local.set $p (global.get $bump))
            (global.set $bump (i32.add (local.get $p) (local.get 3)))
            (local.get $p))
          """ : "")}}
          (func (export "run") (result i32) (call $where)))
        """;

    private static uint Run(bool withRealloc)
    {
        var world = WitPackageLoader.ParseText("package test:sp;\nworld w { export run: func() -> u32; }", "sp.wit").SelectWorld("w");
        var program = ComponentTypeMetadata.Embed(LinkingModules.Binary(Program(withRealloc)), world);
        var bytes = ComponentNew.BuildBinary(program, [new AdapterInput("ad", LinkingModules.Binary(Adapter))]);
        ComponentValidator.Validate(ComponentDecoder.Decode(bytes));
        using var engine = new WasmtimeEngine();
        using var component = WasmtimeComponent.Compile(engine, bytes);
        using var linker = new WasmtimeComponentLinker(engine);
        using var store = new WasmtimeStore(engine);
        var result = linker.Instantiate(store, component).GetFunc("run")!.Call();
        return Assert.IsType<W.U32>(result).Value;
    }

    [Fact]
    public void WithTheProgramsReallocTheStackComesFromItsHeap()
    {
        // realloc(0, 0, 16, 65536) returns the program's bump pointer 1024; the stack's top is 1024 + 65536.
        Assert.Equal(1024u + (uint)AdapterStack.StackSize - 16, Run(withRealloc: true));
    }

    [Fact]
    public void WithoutReallocTheStackIsAFreshPage()
    {
        // Memory has 2 pages; the adapter's realloc grows it by one, whose top is 3 * 65536.
        Assert.Equal(3u * 65536 - 16, Run(withRealloc: false));
    }
}
