using Kiln.Component.Adapters;
using Kiln.Component.Binary;
using Kiln.Component.Wit.Encoding;
using Kiln.Component.Wit.Resolution;
using Kiln.Reference;

namespace Kiln.Adapters.Tests;

/// <summary>
/// The reactor flavor: a library module without <c>_start</c>, whose own export (typed by its world, encoded by
/// Kiln's WIT encoder into the module's component-type section, as <c>component embed</c> does) calls preview1 functions, made a component with the reactor adapter and called in Wasmtime.
/// The same with jco's reference reactor adapter shows the harness is right.
/// </summary>
public sealed class ReactorTests
{
    // greet() writes a line to stdout with fd_write and returns its errno plus 1000 times what args_sizes_get says
    // argc is: both go through the adapter's WASI 0.2 imports.
    private const string Library = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 64) "hello from a reactor\n")
          (func (export "greet") (result i32)
            (local $errno i32)
            (i32.store (i32.const 0) (i32.const 64))
            (i32.store (i32.const 4) (i32.const 21))
            (local.set $errno (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
            (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
            (i32.add (local.get $errno) (i32.mul (i32.load (i32.const 16)) (i32.const 1000)))))
        """;

    // The same library exporting its own bump allocator as cabi_realloc: wit-component then allocates the
    // adapter's stack through it lazily (before each adapter export runs), and the adapter its state page;
    // allocated() says how many bytes it has handed out.
    private const string LibraryWithRealloc = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
          (memory (export "memory") 1)
          (global $next (mut i32) (i32.const 4096))
          (data (i32.const 64) "hello from a reactor\n")
          (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
            (local $p i32)
            (if (local.get $old) (then unreachable))
            (local.set $p (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                                   (i32.sub (i32.const 0) (local.get $align))))
            (global.set $next (i32.add (local.get $p) (local.get $size)))
            (if (i32.gt_u (global.get $next) (i32.shl (memory.size) (i32.const 16)))
              (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $next) (i32.shl (memory.size) (i32.const 16)))
                                                                  (i32.const 16)) (i32.const 1))) (i32.const -1))
                      (then unreachable))))
            (local.get $p))
          (func (export "allocated") (result i32) (i32.sub (global.get $next) (i32.const 4096)))
          (func (export "greet") (result i32)
            (local $errno i32)
            (i32.store (i32.const 0) (i32.const 64))
            (i32.store (i32.const 4) (i32.const 21))
            (local.set $errno (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
            (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
            (i32.add (local.get $errno) (i32.mul (i32.load (i32.const 16)) (i32.const 1000)))))
        """;

    private const string WorldWithRealloc = """
        package kiln:reactor-test;

        world library {
          export greet: func() -> u32;
          export allocated: func() -> u32;
        }
        """;

    private const string World = """
        package kiln:reactor-test;

        world library {
          export greet: func() -> u32;
        }
        """;

    [Fact]
    public void A_library_runs_through_Kilns_reactor_adapter()
    {
        using var work = new TempDirectory();
        string adapter = work.Combine("wasi_snapshot_preview1.reactor.wasm");
        File.WriteAllBytes(adapter, Preview1Adapters.Reactor.ToArray());
        CallGreet(work, adapter, withRealloc: false);
    }

    [Fact]
    public void A_library_exporting_cabi_realloc_gives_Kilns_adapter_its_stack_and_state()
    {
        using var work = new TempDirectory();
        string adapter = work.Combine("wasi_snapshot_preview1.reactor.wasm");
        File.WriteAllBytes(adapter, Preview1Adapters.Reactor.ToArray());
        var instance = CallGreet(work, adapter, withRealloc: true);
        // The 64 KiB stack wit-component allocates and the adapter's 64 KiB state page, both once.
        var allocated = Assert.IsType<Kiln.Reference.ComponentValue.U32>(instance.GetFunc("allocated")!.Call());
        Assert.Equal(2u * 65536, allocated.Value);
    }

    [Fact]
    public void A_library_runs_through_jcos_reference_reactor_adapter()
    {
        using var work = new TempDirectory();
        Assert.True(Jco.IsInstalled, Jco.InstallHint);
        CallGreet(work, Jco.Preview1Adapter("reactor"), withRealloc: false);
    }

    /// <summary>The core module with a <c>component-type</c> custom section holding the world's encoding.</summary>
    private static byte[] Embed(byte[] module, string wit, string world)
    {
        var resolve = WitPackageLoader.ParseText(wit, "library.wit");
        byte[] type = ComponentEncoder.Encode(WitEncoder.EncodeWorldPackage(resolve.SelectWorld(world)));
        byte[] name = System.Text.Encoding.UTF8.GetBytes("component-type:" + world);
        var payload = new List<byte>();
        WriteU32(payload, (uint)name.Length);
        payload.AddRange(name);
        payload.AddRange(type);
        var bytes = new List<byte>(module) { 0 }; // custom section id
        WriteU32(bytes, (uint)payload.Count);
        bytes.AddRange(payload);
        return [.. bytes];
    }

    private static void WriteU32(List<byte> output, uint value)
    {
        do
        {
            byte b = (byte)(value & 0x7f);
            value >>= 7;
            output.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
    }

    private static WasmtimeComponentInstance CallGreet(TempDirectory work, string adapter, bool withRealloc)
    {
        string embedded = work.Combine("library.embedded.wasm");
        File.WriteAllBytes(embedded, withRealloc
            ? Embed(WasmtimeWat.ToWasm(LibraryWithRealloc), WorldWithRealloc, "library")
            : Embed(WasmtimeWat.ToWasm(Library), World, "library"));
        byte[] component = JcoNew.Componentize(embedded, adapter, work.Combine("library.component.wasm"));

        var stdout = new MemoryStream();
        var wasi = new WasiConfiguration { Stdin = [], Stdout = bytes => stdout.Write(bytes) };
        wasi.Args.AddRange(["library", "one", "two"]);
        var engine = new WasmtimeEngine(); // lives as long as the returned instance
        var compiled = WasmtimeComponent.Compile(engine, component);
        using var linker = new WasmtimeComponentLinker(engine);
        linker.AddWasip2();
        var store = new WasmtimeStore(engine);
        store.SetWasi(wasi);
        var instance = linker.Instantiate(store, compiled);
        Assert.Null(instance.GetFunc("wasi:cli/run@0.2.0", "run"));
        var greet = instance.GetFunc("greet");
        Assert.True(greet is not null, "the component exports no greet");
        Assert.Equal(new Kiln.Reference.ComponentValue.U32(3000), greet!.Call());
        Assert.Equal("hello from a reactor\n", System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
        // A second call reuses the adapter's state (its page is allocated once).
        Assert.Equal(new Kiln.Reference.ComponentValue.U32(3000), greet.Call());
        Assert.Equal("hello from a reactor\nhello from a reactor\n", System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
        return instance;
    }
}
