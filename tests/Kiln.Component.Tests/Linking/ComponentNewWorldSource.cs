using Kiln.Component.Linking;
using Kiln.Component.Wit.Resolution;
using Kiln.Wasm.Binary;
using Kiln.Wasm.Text;

namespace Kiln.Component.Tests.Linking;

/// <summary>The world of its own that <c>ComponentNewWorldTests</c> (Kiln.Runtime.Tests, under Kiln) and
/// <c>ComponentNewWorldWasmtimeTests</c> (here, under Wasmtime) build with <c>component embed</c> + <c>new</c>
/// (this file is compiled into both projects).</summary>
public static class ComponentNewWorldSource
{
    public const string Wit = """
        package test:app@0.1.0;

        interface host {
          record point { x: s32, y: s32 }
          log: func(msg: string);
          names: func() -> list<string>;
          shift: func(p: point, d: s32) -> point;
        }

        interface counters {
          resource counter {
            constructor(start: u32);
            add: func(n: u32) -> u32;
          }
        }

        interface api {
          use host.{point};
          greet: func(name: string) -> string;
          sum: func(xs: list<u32>) -> u32;
          moved: func(p: point) -> point;
          posts: func() -> u32;
        }

        interface things {
          resource thing {
            constructor(v: u32);
            get: func() -> u32;
          }
          consume: func(t: thing) -> u32;
          roundtrip: func(v: u32) -> u32;
          dropped: func() -> u32;
        }

        world plain {
          import host;
          export api;
          export things;
          export run: func() -> u32;
        }

        world app {
          include plain;
          import counters;
          export count: func(n: u32) -> u32;
        }
        """;

    /// <summary>The core module as wit-bindgen would shape it; <c>;;app</c> lines only in world <c>app</c>.</summary>
    public const string Core = """
        (module
          (import "test:app/host@0.1.0" "log" (func $log (param i32 i32)))
          (import "test:app/host@0.1.0" "names" (func $names (param i32)))
          (import "test:app/host@0.1.0" "shift" (func $shift (param i32 i32 i32 i32)))
          (import "test:app/counters@0.1.0" "[constructor]counter" (func $new (param i32) (result i32))) ;;app
          (import "test:app/counters@0.1.0" "[method]counter.add" (func $add (param i32 i32) (result i32))) ;;app
          (import "test:app/counters@0.1.0" "[resource-drop]counter" (func $drop (param i32))) ;;app
          (import "[export]test:app/things@0.1.0" "[resource-new]thing" (func $tnew (param i32) (result i32)))
          (import "[export]test:app/things@0.1.0" "[resource-rep]thing" (func $trep (param i32) (result i32)))
          (import "[export]test:app/things@0.1.0" "[resource-drop]thing" (func $tdrop (param i32)))
          (memory (export "memory") 1)
          (global $dtors (mut i32) (i32.const 0))
          (global $bump (mut i32) (i32.const 1024))
          (global $posts (mut i32) (i32.const 0))
          (data (i32.const 16) "hello, ")
          (data (i32.const 32) "hi from run")
          (func $realloc (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
            (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                                   (i32.sub (i32.const 0) (local.get 2))))
            (global.set $bump (i32.add (local.get $p) (local.get 3)))
            (local.get $p))
          (func (export "test:app/api@0.1.0#greet") (param $ptr i32) (param $len i32) (result i32) (local $out i32)
            (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $len) (i32.const 7))))
            (memory.copy (local.get $out) (i32.const 16) (i32.const 7))
            (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $ptr) (local.get $len))
            (i32.store (i32.const 64) (local.get $out))
            (i32.store (i32.const 68) (i32.add (local.get $len) (i32.const 7)))
            (i32.const 64))
          (func (export "cabi_post_test:app/api@0.1.0#greet") (param i32)
            (global.set $posts (i32.add (global.get $posts) (i32.const 1))))
          (func (export "test:app/api@0.1.0#posts") (result i32) (global.get $posts))
          (func (export "test:app/api@0.1.0#sum") (param $ptr i32) (param $len i32) (result i32) (local $s i32)
            (block $done (loop $l
              (br_if $done (i32.eqz (local.get $len)))
              (local.set $s (i32.add (local.get $s) (i32.load (local.get $ptr))))
              (local.set $ptr (i32.add (local.get $ptr) (i32.const 4)))
              (local.set $len (i32.sub (local.get $len) (i32.const 1)))
              (br $l)))
            (local.get $s))
          (func (export "test:app/api@0.1.0#moved") (param $x i32) (param $y i32) (result i32)
            (i32.store (i32.const 72) (local.get $y))
            (i32.store (i32.const 76) (local.get $x))
            (i32.const 72))
          (func (export "test:app/things@0.1.0#[constructor]thing") (param i32) (result i32)
            (call $tnew (i32.mul (local.get 0) (i32.const 2))))
          (func (export "test:app/things@0.1.0#[method]thing.get") (param i32) (result i32)
            (i32.shr_u (local.get 0) (i32.const 1)))
          (func (export "test:app/things@0.1.0#consume") (param i32) (result i32) (local $rep i32)
            (local.set $rep (call $trep (local.get 0)))
            (call $tdrop (local.get 0))
            (i32.shr_u (local.get $rep) (i32.const 1)))
          (func (export "test:app/things@0.1.0#roundtrip") (param i32) (result i32) (local $h i32) (local $rep i32)
            (local.set $h (call $tnew (i32.mul (local.get 0) (i32.const 2))))
            (local.set $rep (call $trep (local.get $h)))
            (call $tdrop (local.get $h))
            (i32.shr_u (local.get $rep) (i32.const 1)))
          (func (export "test:app/things@0.1.0#dropped") (result i32) (global.get $dtors))
          (func (export "test:app/things@0.1.0#[dtor]thing") (param i32)
            (global.set $dtors (i32.add (global.get $dtors) (local.get 0))))
          (func (export "run") (result i32) (local $n i32) (local $list i32) (local $i i32) (local $total i32)
            (call $log (i32.const 32) (i32.const 11))
            (call $names (i32.const 80))
            (local.set $list (i32.load (i32.const 80)))
            (local.set $n (i32.load (i32.const 84)))
            (block $d (loop $l
              (br_if $d (i32.ge_u (local.get $i) (local.get $n)))
              (local.set $total (i32.add (local.get $total)
                (i32.load offset=4 (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 3))))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $l)))
            (call $shift (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 88))
            (i32.add (i32.add (i32.mul (local.get $n) (i32.const 100)) (i32.mul (local.get $total) (i32.const 10)))
                     (i32.add (i32.load (i32.const 88)) (i32.load (i32.const 92)))))
          (func (export "count") (param $n i32) (result i32) (local $c i32) (local $r i32) ;;app
            (local.set $c (call $new (local.get $n))) ;;app
            (local.set $r (call $add (local.get $c) (i32.const 5))) ;;app
            (call $drop (local.get $c)) ;;app
            (local.get $r)) ;;app
        )
        """;

    public static byte[] BuildComponent(string world)
    {
        string text = world == "app" ? Core : string.Join('\n', Core.Split('\n').Where(l => !l.TrimEnd().EndsWith(";;app", StringComparison.Ordinal)));
        var core = ModuleEncoder.Encode(WatParser.ParseModule(text));
        var w = WitPackageLoader.ParseText(Wit, "app.wit").SelectWorld(world);
        return ComponentNew.BuildBinary(ComponentTypeMetadata.Embed(core, w), []);
    }

}
