using Kiln.Runtime.Wasi;
using Kiln.Runtime.Wasi.Preview2;

namespace Kiln.Runtime.Tests.Wasi.Preview2;

/// <summary>
/// The WASI 0.2 host through small hand-written components: its functions reach the configuration (random source,
/// clocks, arguments), interfaces are matched by semver (0.2.0 and 0.2.3 imports served by the 0.2.12 host, 0.3
/// not), and an interface Kiln does not provide is a link error naming it.
/// </summary>
public sealed class WasiPreview2HostTests
{
    private sealed class FixedClocks(ulong now) : IWasiClocks
    {
        public bool TryGetTime(WasiClockId id, out ulong nanoseconds)
        {
            nanoseconds = id == WasiClockId.Realtime ? 1_700_000_000_123_456_789 : now;
            return true;
        }

        public bool TryGetResolution(WasiClockId id, out ulong nanoseconds)
        {
            nanoseconds = 1;
            return true;
        }
    }

    private static string Guest(string randomVersion = "0.2.0", string clockVersion = "0.2.3") => $$"""
        (component
          (import "wasi:random/random@{{randomVersion}}" (instance $r
            (export "get-random-u64" (func (result u64)))))
          (import "wasi:clocks/monotonic-clock@{{clockVersion}}" (instance $c
            (export "now" (func (result u64)))))
          (core func $rand (canon lower (func $r "get-random-u64")))
          (core func $now (canon lower (func $c "now")))
          (core module $m
            (import "" "rand" (func $rand (result i64)))
            (import "" "now" (func $now (result i64)))
            (func (export "rand") (result i64) call $rand)
            (func (export "now") (result i64) call $now))
          (core instance $i (instantiate $m (with "" (instance (export "rand" (func $rand)) (export "now" (func $now))))))
          (func (export "rand") (result u64) (canon lift (core func $i "rand")))
          (func (export "now") (result u64) (canon lift (core func $i "now")))
        )
        """;

    private static WasiConfiguration Config() => new()
    {
        Random = b => b.Fill(0x11),
        Clocks = new FixedClocks(42),
    };

    [Fact]
    public void Random_and_clocks_come_from_the_configuration_through_semver_matched_imports()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new ComponentLinker(engine);
        using var wasi = WasiPreview2.AddToLinker(linker, Config());
        var instance = linker.Instantiate(store, Kiln.Runtime.Component.FromText(engine, Guest()));
        Assert.Equal(Val.U64(0x1111111111111111), instance.GetFunc("rand")!.Call());
        Assert.Equal(Val.U64(42), instance.GetFunc("now")!.Call());
    }

    [Fact]
    public void Another_major_or_minor_version_is_not_served()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new ComponentLinker(engine);
        using var wasi = WasiPreview2.AddToLinker(linker, Config());
        var e = Assert.Throws<ComponentLinkException>(() => linker.Instantiate(store, Kiln.Runtime.Component.FromText(engine, Guest(randomVersion: "0.3.0"))));
        Assert.Contains("wasi:random/random@0.3.0", e.Message);
    }

    [Fact]
    public void An_interface_kiln_does_not_provide_is_named()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new ComponentLinker(engine);
        using var wasi = WasiPreview2.AddToLinker(linker, Config());
        const string text = """
            (component
              (import "wasi:sockets/instance-network@0.2.0" (instance
                (export "frob" (func (result u32)))))
            )
            """;
        var e = Assert.Throws<ComponentLinkException>(() => linker.Instantiate(store, Kiln.Runtime.Component.FromText(engine, text)));
        Assert.Contains("wasi:sockets/instance-network@0.2.0", e.Message);
    }

    [Fact]
    public void A_function_the_interface_lacks_is_named()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new ComponentLinker(engine);
        using var wasi = WasiPreview2.AddToLinker(linker, Config());
        const string text = """
            (component
              (import "wasi:random/random@0.2.1" (instance
                (export "get-random-u128" (func (result u64)))))
            )
            """;
        var e = Assert.Throws<ComponentLinkException>(() => linker.Instantiate(store, Kiln.Runtime.Component.FromText(engine, text)));
        Assert.Contains("get-random-u128", e.Message);
    }

    private const string StdoutGuest = """
        (component
          (type $st (instance
            (export (;0;) "output-stream" (type (sub resource)))
            (type (;1;) (borrow 0))
            (type (;2;) (list u8))
            (type (;3;) (result))
            (type (;4;) (func (param "self" 1) (param "contents" 2) (result 3)))
            (export "[method]output-stream.blocking-write-and-flush" (func (type 4)))))
          (import "wasi:io/streams@0.2.0" (instance $streams (type $st)))
          (alias export $streams "output-stream" (type $os))
          (type $so (instance
            (alias outer 1 $os (type (;0;)))
            (export (;1;) "output-stream" (type (eq 0)))
            (type (;2;) (own 1))
            (type (;3;) (func (result 2)))
            (export "get-stdout" (func (type 3)))))
          (import "wasi:cli/stdout@0.2.0" (instance $stdout (type $so)))
          (core module $mem (memory (export "mem") 1) (data (i32.const 16) "hi\n"))
          (core instance $memi (instantiate $mem))
          (alias core export $memi "mem" (core memory $m))
          (core func $get (canon lower (func $stdout "get-stdout")))
          (core func $write (canon lower (func $streams "[method]output-stream.blocking-write-and-flush") (memory $m)))
          (core func $drop (canon resource.drop $os))
          (core module $main
            (import "" "get" (func $get (result i32)))
            (import "" "write" (func $write (param i32 i32 i32) (result i32)))
            (import "" "drop" (func $drop (param i32)))
            (global $h (mut i32) (i32.const 0))
            (func (export "write") (result i32)
              (global.set $h (call $get))
              (call $write (global.get $h) (i32.const 16) (i32.const 3)))
            (func (export "drop") (call $drop (global.get $h))))
          (core instance $i (instantiate $main (with "" (instance
            (export "get" (func $get)) (export "write" (func $write)) (export "drop" (func $drop))))))
          (func (export "write") (result u32) (canon lift (core func $i "write")))
          (func (export "drop") (canon lift (core func $i "drop")))
        )
        """;

    [Fact]
    public void Stdout_is_an_owned_stream_resource_that_writes_and_is_freed_on_drop()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new ComponentLinker(engine);
        var output = new MemoryStream();
        var config = Config();
        config.Stdout = WasiStdio.FromStream(output);
        using var wasi = WasiPreview2.AddToLinker(linker, config);
        var instance = linker.Instantiate(store, Kiln.Runtime.Component.FromText(engine, StdoutGuest));
        Assert.Equal(Val.U32(0), instance.GetFunc("write")!.Call()); // ok
        Assert.Equal("hi\n", System.Text.Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(1, wasi.LiveResources);
        instance.GetFunc("drop")!.Call();
        Assert.Equal(0, wasi.LiveResources);
    }
}
