namespace Kiln.Wasm.Tests.Printing;

/// <summary>Hand-written modules for wabt round trips, each aimed at a group of constructs.</summary>
internal static class WatCorpus
{
    public static readonly Dictionary<string, string> All = new()
    {
        ["empty"] = "(module)",
        ["control"] = """
            (module
              (type $bin (func (param i32 i32) (result i32)))
              (type $pair (func (param i32) (result i32 i64)))
              (func $f (export "f") (param $a i32) (param $b i32) (result i32) (local $t i32) (local i64 f32 f32 f64 v128)
                (block $out (result i32)
                  (if (local.get $a) (then nop) (else unreachable))
                  (loop $l
                    (br_if $l (i32.eqz (local.get $t)))
                    (drop (br_if $out (i32.const 1) (local.get $b))))
                  (block (block (br_table 0 1 0 1 (local.get $a))))
                  (local.get $a)
                  (loop (type $pair) (i64.const -1))
                  (drop)
                  (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3)))
                  (drop)
                  (br 0))
                (call $f (i32.const 1))
                (call_indirect (type $bin) (i32.const 1) (i32.const 2) (i32.const 0))
                (select (result i32) (i32.const 1))
                (select (local.get $a) (local.get $b) (i32.const 0))
                (return (i32.add)))
              (table 1 funcref))
            """,
        ["numbers"] = """
            (module
              (func (result i32 i64 f32 f32 f32 f32 f32 f32 f64 f64 f64 f64 f64 f64)
                i32.const -2147483648
                i64.const -9223372036854775808
                f32.const nan:0x200000
                f32.const -nan
                f32.const 0x1p-149
                f32.const 0.1
                f32.const -0
                f32.const 3.4028235e38
                f64.const nan:0x4000000000001
                f64.const -inf
                f64.const 0x1p-1074
                f64.const 0.1
                f64.const 1e300
                f64.const -0x1.fffffffffffffp+1023)
              (func (result i32)
                i32.const 0x7fffffff i64.const 0xffffffffffffffff i64.eqz i32.add))
            """,
        ["memory"] = """
            (module
              (memory (export "m") 1 4)
              (data (i32.const 8) "\00\01\02\7f\80\ff\"\\\n\t hello")
              (data "passive")
              (func (param i32) (result i64)
                (i32.store offset=4 align=1 (local.get 0) (i32.load8_u offset=65535 (local.get 0)))
                (i64.store32 align=2 (local.get 0) (i64.load16_s align=1 (i32.const 0)))
                (f64.store offset=0xffffffff (i32.const 0) (f64.load align=8 (i32.const 0)))
                (drop (memory.grow (memory.size)))
                (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 1))
                (data.drop 1)
                (memory.copy (i32.const 0) (i32.const 1) (i32.const 2))
                (memory.fill (i32.const 0) (i32.const 1) (i32.const 2))
                (i64.load (local.get 0))))
            """,
        ["tables-and-refs"] = """
            (module
              (type $v (func))
              (import "env" "t" (table $t 1 2 funcref))
              (table $e 3 externref)
              (table $f 0 funcref)
              (func $a)
              (func $b (param externref) (result funcref)
                (table.set $e (i32.const 0) (local.get 0))
                (drop (table.get $e (i32.const 1)))
                (drop (table.grow $f (ref.func $a) (i32.const 1)))
                (drop (table.size $t))
                (table.fill $e (i32.const 0) (ref.null extern) (i32.const 1))
                (table.init $f 1 (i32.const 0) (i32.const 0) (i32.const 0))
                (table.init 0 (i32.const 0) (i32.const 0) (i32.const 0))
                (table.copy $f $t (i32.const 0) (i32.const 0) (i32.const 0))
                (table.copy (i32.const 0) (i32.const 0) (i32.const 0))
                (elem.drop 2)
                (drop (ref.is_null (ref.null func)))
                (ref.func $b))
              (elem (i32.const 0) $a $b)
              (elem func $a)
              (elem (table $f) (i32.const 0) func $b)
              (elem declare func $a $b)
              (elem (i32.const 0) funcref (ref.null func) (ref.func $a))
              (elem externref (ref.null extern))
              (elem (table $e) (i32.const 1) externref (ref.null extern))
              (elem declare funcref (ref.null func)))
            """,
        ["imports-exports-globals"] = """
            (module $named_module
              (import "spectest" "print" (func $print (param i32)))
              (import "spectest" "mem" (memory 1))
              (import "spectest" "g" (global $g i32))
              (import "spectest" "gm" (global $gm (mut f64)))
              (import "odd names" "\00\u{263a}\7f" (func))
              (global $x (mut i64) (i64.const 5))
              (global $y i32 (global.get $g))
              (global $z funcref (ref.func $start))
              (global $w externref (ref.null extern))
              (global $v v128 (v128.const f32x4 1 2 3 4))
              (func $start (call $print (global.get $y)) (global.set $x (i64.const 6)))
              (start $start)
              (export "start" (func $start))
              (export "x" (global $x))
              (export "memory" (memory 0))
              (export "" (global $g)))
            """,
        ["simd"] = """
            (module
              (memory 1)
              (func (param v128) (result v128)
                v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 255
                v128.const f64x2 nan:0x1 -0x1p-1074
                i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 31
                i8x16.extract_lane_s 15
                i8x16.splat
                f32.const -1.5
                f32x4.replace_lane 3
                i32.const 0
                v128.load offset=16 align=4
                i8x16.add
                local.set 0
                i32.const 0
                local.get 0
                v128.load8_lane 15
                local.set 0
                i32.const 0
                local.get 0
                v128.load64_lane offset=8 align=1 1
                local.set 0
                i32.const 0
                local.get 0
                v128.store16_lane 7
                i32.const 0
                v128.load32_zero
                i32.const 0
                v128.load8x8_s align=2
                i16x8.q15mulr_sat_s
                f64x2.promote_low_f32x4
                local.get 0
                i32x4.dot_i16x8_s
                local.get 0
                local.get 0
                v128.bitselect
                v128.any_true
                drop
                local.get 0))
            """,
    };

    public const string Names = """
        (module $m
          (import "env" "imp" (func $imported (param i32)))
          (func $with.dots/and:colons! (param $p0 i32) (param i64) (local $loc f32) (local f64) (local $loc2 f64)
            (call $with.dots/and:colons! (local.get $p0) (i64.const 0))
            (call $imported (local.get $p0)))
          (func (param $only i32)))
        """;
}
