using Kiln.Compiler.Artifacts;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;

namespace Kiln.Runtime.Tests.Execution;

/// <summary>Wasm 3.0 multi-memory executed: each memory its own reservation, bounds and size; accesses,
/// memory.* instructions, data segments, imports and exports reach the memory they name.</summary>
public sealed class MultiMemoryTests : IDisposable
{
    // Memory 0 has two pages and memory 1 one, so an access at 65536 is in bounds only in memory 0.
    private const string Wat = """
        (module
          (memory $a (export "a") 2)
          (memory $b (export "b") 1 3)
          (data (memory $b) (i32.const 16) "\2a\00\00\00")
          (func (export "load-a") (param i32) (result i32) (i32.load $a (local.get 0)))
          (func (export "load-b") (param i32) (result i32) (i32.load $b (local.get 0)))
          (func (export "load-b-offset") (param i32) (result i32) (i32.load8_u $b offset=16 (local.get 0)))
          (func (export "store-b") (param i32 i32) (i32.store $b (local.get 0) (local.get 1)))
          (func (export "both") (param i32) (result i32)
            (i32.add (i32.load $a (local.get 0)) (i32.load $b (local.get 0))))
          (func (export "size-a") (result i32) (memory.size $a))
          (func (export "size-b") (result i32) (memory.size $b))
          (func (export "grow-b") (param i32) (result i32) (memory.grow $b (local.get 0)))
          (func (export "copy-b-to-a") (param i32 i32 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
          (func (export "fill-b") (param i32 i32 i32) (memory.fill $b (local.get 0) (local.get 1) (local.get 2))))
        """;

    private readonly Engine engine = new();
    private readonly Store store;

    public MultiMemoryTests() => store = new Store(engine);

    public void Dispose() => store.Dispose();

    private Instance Instantiate(string wat = Wat) => Execution.Wat.Instantiate(store, wat);

    private static int Call(Instance i, string name, params Value[] args) => i.GetFunc(name)!.Call(args)[0].AsI32();

    [Fact]
    public void EachMemoryHasItsOwnReservationAndSize()
    {
        var i = Instantiate();
        var a = i.GetMemory("a")!;
        var b = i.GetMemory("b")!;
        Assert.NotEqual(a.BaseAddress, b.BaseAddress);
        Assert.Equal(2, Call(i, "size-a"));
        Assert.Equal(1, Call(i, "size-b"));
        Assert.Equal(42, b.ReadInt32(16));
        Assert.Equal(0, a.ReadInt32(16));
    }

    [Fact]
    public void LoadsAndStoresReachTheMemoryTheyName()
    {
        var i = Instantiate();
        i.GetFunc("store-b")!.Call(100, 7);
        Assert.Equal(7, i.GetMemory("b")!.ReadInt32(100));
        Assert.Equal(0, i.GetMemory("a")!.ReadInt32(100));
        i.GetMemory("a")!.WriteInt32(100, 5);
        Assert.Equal(5, Call(i, "load-a", 100));
        Assert.Equal(7, Call(i, "load-b", 100));
        Assert.Equal(12, Call(i, "both", 100));
        Assert.Equal(42, Call(i, "load-b-offset", 0));
    }

    [Fact]
    public void GrowingMemoryOneLeavesMemoryZeroAlone()
    {
        var i = Instantiate();
        Assert.Throws<Trap>(() => i.GetFunc("load-b")!.Call(65536));
        Assert.Equal(1, Call(i, "grow-b", 1));
        Assert.Equal(2, Call(i, "size-b"));
        Assert.Equal(2, Call(i, "size-a"));
        Assert.Equal(0, Call(i, "load-b", 65536));
        Assert.Equal(-1, Call(i, "grow-b", 2)); // past memory 1's maximum of 3 pages
        Assert.Equal(2, Call(i, "size-b"));
    }

    [Fact]
    public void MemoryCopyMovesBytesBetweenMemoriesAndChecksEachBound()
    {
        var i = Instantiate();
        i.GetMemory("b")!.Write(0, [1, 2, 3, 4]);
        i.GetFunc("copy-b-to-a")!.Call(70000, 0, 4); // destination beyond memory 1's size, inside memory 0's
        Assert.Equal([1, 2, 3, 4], i.GetMemory("a")!.GetSpan(70000, 4).ToArray());
        // The source bound is memory 1's (one page), not memory 0's.
        var t = Assert.Throws<Trap>(() => i.GetFunc("copy-b-to-a")!.Call(0, 65535, 2));
        Assert.Equal(TrapCode.HeapOutOfBounds, t.Code);
        i.GetFunc("fill-b")!.Call(8, 9, 2);
        Assert.Equal(9, i.GetMemory("b")!.ReadByte(9));
        Assert.Equal(0, i.GetMemory("a")!.ReadByte(9));
    }

    [Fact]
    public void AnOutOfBoundsAccessTrapsAtTheInstructionThatNamesTheSmallerMemory()
    {
        var text = WatParser.ParseModule("""
            (module
              (memory $a 2)
              (memory $b 1)
              (func (export "f") (param i32) (result i32) (local i32)
                (local.set 1 (i32.load $a (local.get 0)))
                (i32.store $b (local.get 0) (local.get 1))
                (local.get 1)))
            """);
        byte[] wasm = ModuleEncoder.Encode(text);
        var i = new Linker(engine).Instantiate(store, new Module(engine, wasm));
        var t = Assert.Throws<Trap>(() => i.GetFunc("f")!.Call(65536));
        Assert.Equal(TrapCode.HeapOutOfBounds, t.Code);
        uint at = Assert.NotNull(t.Backtrace[0].WasmOffset);
        // i32.store (0x36) whose memarg flags carry the multi-memory bit and memory index 1.
        Assert.Equal(0x36, wasm[at]);
        Assert.Equal(0x40 | 2, wasm[at + 1]);
        Assert.Equal(1, wasm[at + 2]);
        Assert.Equal(0, i.GetFunc("f")!.Call(65532)[0].AsI32());
    }

    [Fact]
    public void SeveralMemoriesAreImportedAndExported()
    {
        var provider = Instantiate();
        var linker = new Linker(engine).DefineInstance("p", provider);
        var user = linker.Instantiate(store, Execution.Wat.Compile(engine, """
            (module
              (import "p" "b" (memory $x 1))
              (import "p" "a" (memory $y 2))
              (memory $own 1)
              (func (export "read") (param i32) (result i32)
                (i32.add (i32.load $x (local.get 0)) (i32.load $y (local.get 0))))
              (func (export "write-y") (param i32 i32) (i32.store $y (local.get 0) (local.get 1)))
              (func (export "size-own") (result i32) (memory.size $own)))
            """));
        provider.GetFunc("store-b")!.Call(40, 3);
        user.GetFunc("write-y")!.Call(40, 4);
        Assert.Equal(4, Call(provider, "load-a", 40));
        Assert.Equal(7, Call(user, "read", 40));
        Assert.Equal(1, Call(user, "size-own"));
    }

    [Fact]
    public void ImportsMatchEachMemorysOwnLimits()
    {
        var provider = Instantiate();
        var linker = new Linker(engine).DefineInstance("p", provider);
        // Memory "b" has one page and a maximum of 3: a module wanting 2 pages of it is unlinkable, one wanting memory "a" the same is fine.
        var tooBig = Execution.Wat.Compile(engine, """(module (import "p" "a" (memory 2)) (import "p" "b" (memory 2)))""");
        Assert.Throws<LinkException>(() => linker.Instantiate(store, tooBig));
        linker.Instantiate(store, Execution.Wat.Compile(engine, """(module (import "p" "a" (memory 2)) (import "p" "b" (memory 1 3)))"""));
    }

    [Fact]
    public void MultiMemoryModulesRunFromArtifacts()
    {
        var artifact = ArtifactCompiler.Compile(WatParser.ParseModule(Wat));
        var i = new Linker(engine).Instantiate(store, Module.FromArtifact(engine, artifact));
        i.GetFunc("store-b")!.Call(8, 11);
        Assert.Equal(11, Call(i, "load-b", 8));
        Assert.Equal(0, Call(i, "load-a", 8));
        Assert.Equal(42, Call(i, "load-b-offset", 0));
        Assert.Equal(1, Call(i, "grow-b", 1));
    }

    [Fact]
    public void SharedMemoriesRunAndImportOnlyAsShared()
    {
        var i = Instantiate("""
            (module
              (memory (export "m") 1 2 shared)
              (func (export "rw") (param i32) (result i32) (i32.store (local.get 0) (i32.const 9)) (i32.load (local.get 0)))
              (func (export "grow") (result i32) (memory.grow (i32.const 1))))
            """);
        var m = i.GetMemory("m")!;
        Assert.True(m.Type.Shared);
        nint baseBefore = m.BaseAddress;
        Assert.Equal(9, Call(i, "rw", 4));
        Assert.Equal(1, Call(i, "grow"));
        Assert.Equal(baseBefore, m.BaseAddress); // shared memories must never move: this one grows in place
        Assert.Equal(-1, Call(i, "grow"));

        var linker = new Linker(engine).DefineInstance("p", i);
        linker.Instantiate(store, Execution.Wat.Compile(engine, """(module (import "p" "m" (memory 1 2 shared)))"""));
        var unshared = Execution.Wat.Compile(engine, """(module (import "p" "m" (memory 1 2)))""");
        Assert.Throws<LinkException>(() => linker.Instantiate(store, unshared));
        Assert.Throws<ArgumentException>(() => new Memory(store, new MemoryType(new Limits(1, null), Shared: true)));
    }
}
