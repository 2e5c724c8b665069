namespace Kiln.Reference.Tests;

/// <summary>Hand-written components (text, compiled by <see cref="WasmtimeWat"/>) for the component tests.</summary>
internal static class ComponentTexts
{
    /// <summary>A bump allocator in memory "mem" (from 1024 up; the return area is 0..63) whose post-return resets
    /// it and counts how often it ran.</summary>
    private const string Libc = """
          (core module $libc
            (memory (export "mem") 4)
            (global $bump (mut i32) (i32.const 1024))
            (global $posts (mut i32) (i32.const 0))
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
              (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                                     (i32.sub (i32.const 0) (local.get 2))))
              (global.set $bump (i32.add (local.get $p) (local.get 3)))
              (local.get $p))
            (func (export "post") (param i32)
              (global.set $bump (i32.const 1024))
              (global.set $posts (i32.add (global.get $posts) (i32.const 1))))
            (func (export "posts") (result i32) (global.get $posts)))
          (core instance $libc (instantiate $libc))
        """;

    /// <summary>
    /// Identity functions over every value kind (the core code stores the flat parameters into the return area
    /// in the canonical ABI's memory layout of the result), plus functions that read one part of a value, so a
    /// wrongly placed field fails independently of the way back.
    /// </summary>
    public const string Echo = "(component\n" + Libc + """
          (core module $m
            (import "libc" "mem" (memory 1))
            (func (export "i32") (param i32) (result i32) local.get 0)
            (func (export "i64") (param i64) (result i64) local.get 0)
            (func (export "f32") (param f32) (result f32) local.get 0)
            (func (export "f64") (param f64) (result f64) local.get 0)
            ;; string, list: (ptr, len) at 0, 4
            (func (export "ptrlen") (param i32 i32) (result i32)
              (i32.store (i32.const 0) (local.get 0)) (i32.store (i32.const 4) (local.get 1)) (i32.const 0))
            ;; record { a: u8, b: string, c: f64 }: a@0, b@4/8, c@16
            (func (export "record") (param i32 i32 i32 f64) (result i32)
              (i32.store8 (i32.const 0) (local.get 0)) (i32.store (i32.const 4) (local.get 1))
              (i32.store (i32.const 8) (local.get 2)) (f64.store (i32.const 16) (local.get 3)) (i32.const 0))
            (func (export "record-c") (param i32 i32 i32 f64) (result f64) (local.get 3))
            ;; tuple<u32, s64, string>: @0, @8, @16/20
            (func (export "tuple") (param i32 i64 i32 i32) (result i32)
              (i32.store (i32.const 0) (local.get 0)) (i64.store (i32.const 8) (local.get 1))
              (i32.store (i32.const 16) (local.get 2)) (i32.store (i32.const 20) (local.get 3)) (i32.const 0))
            ;; variant { none, num(u32), str(string), big(u64) }: flat (disc, i64, i32); disc@0, payload@8
            (func (export "variant") (param i32 i64 i32) (result i32)
              (i32.store8 (i32.const 0) (local.get 0))
              (if (i32.eq (local.get 0) (i32.const 3))
                (then (i64.store (i32.const 8) (local.get 1)))
                (else (i32.store (i32.const 8) (i32.wrap_i64 (local.get 1))) (i32.store (i32.const 12) (local.get 2))))
              (i32.const 0))
            (func (export "variant-case") (param i32 i64 i32) (result i32) (local.get 0))
            ;; option<string>, result<u32, string>: flat (disc, i32, i32); disc@0, payload@4
            (func (export "disc2") (param i32 i32 i32) (result i32)
              (i32.store8 (i32.const 0) (local.get 0)) (i32.store (i32.const 4) (local.get 1))
              (i32.store (i32.const 8) (local.get 2)) (i32.const 0))
            (func (export "sum") (param i32 i32) (result i32) (local $s i32)
              (block $done (loop $l
                (br_if $done (i32.eqz (local.get 1)))
                (local.set $s (i32.add (local.get $s) (i32.load (local.get 0))))
                (local.set 0 (i32.add (local.get 0) (i32.const 4)))
                (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
                (br $l)))
              (local.get $s))
            (func (export "len") (param i32 i32) (result i32) (local.get 1))
            (func (export "boom") unreachable))
          (core instance $m (instantiate $m (with "libc" (instance $libc))))
          ;; Named types must be exported before exported functions may use them.
          (type $rec-def (record (field "a" u8) (field "b" string) (field "c" f64)))
          (type $var-def (variant (case "none") (case "num" u32) (case "str" string) (case "big" u64)))
          (type $color-def (enum "red" "green" "blue"))
          (type $perms-def (flags "read" "write" "exec"))
          (export $rec "rec" (type $rec-def))
          (export $var "var" (type $var-def))
          (export $color "color" (type $color-def))
          (export $perms "perms" (type $perms-def))
          (type $entry (tuple string (list u32) (option (result u8 (error string)))))
          (func (export "bool") (param "x" bool) (result bool) (canon lift (core func $m "i32")))
          (func (export "s8") (param "x" s8) (result s8) (canon lift (core func $m "i32")))
          (func (export "u8") (param "x" u8) (result u8) (canon lift (core func $m "i32")))
          (func (export "s16") (param "x" s16) (result s16) (canon lift (core func $m "i32")))
          (func (export "u16") (param "x" u16) (result u16) (canon lift (core func $m "i32")))
          (func (export "s32") (param "x" s32) (result s32) (canon lift (core func $m "i32")))
          (func (export "u32") (param "x" u32) (result u32) (canon lift (core func $m "i32")))
          (func (export "s64") (param "x" s64) (result s64) (canon lift (core func $m "i64")))
          (func (export "u64") (param "x" u64) (result u64) (canon lift (core func $m "i64")))
          (func (export "f32") (param "x" f32) (result f32) (canon lift (core func $m "f32")))
          (func (export "f64") (param "x" f64) (result f64) (canon lift (core func $m "f64")))
          (func (export "char") (param "x" char) (result char) (canon lift (core func $m "i32")))
          (func (export "string") (param "x" string) (result string)
            (canon lift (core func $m "ptrlen") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) (post-return (core func $libc "post"))))
          (func (export "list") (param "x" (list u32)) (result (list u32))
            (canon lift (core func $m "ptrlen") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) (post-return (core func $libc "post"))))
          (func (export "nested") (param "x" (list $entry)) (result (list $entry))
            (canon lift (core func $m "ptrlen") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) (post-return (core func $libc "post"))))
          (func (export "record") (param "x" $rec) (result $rec)
            (canon lift (core func $m "record") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) (post-return (core func $libc "post"))))
          (func (export "record-c") (param "x" $rec) (result f64)
            (canon lift (core func $m "record-c") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
          (func (export "tuple") (param "x" (tuple u32 s64 string)) (result (tuple u32 s64 string))
            (canon lift (core func $m "tuple") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) (post-return (core func $libc "post"))))
          (func (export "variant") (param "x" $var) (result $var)
            (canon lift (core func $m "variant") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) (post-return (core func $libc "post"))))
          (func (export "variant-case") (param "x" $var) (result u32)
            (canon lift (core func $m "variant-case") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
          (func (export "enum") (param "x" $color) (result $color) (canon lift (core func $m "i32")))
          (func (export "option") (param "x" (option string)) (result (option string))
            (canon lift (core func $m "disc2") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) (post-return (core func $libc "post"))))
          (func (export "result") (param "x" (result u32 (error string))) (result (result u32 (error string)))
            (canon lift (core func $m "disc2") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) (post-return (core func $libc "post"))))
          (func (export "unit-result") (param "x" (result)) (result (result)) (canon lift (core func $m "i32")))
          (func (export "flags") (param "x" $perms) (result $perms) (canon lift (core func $m "i32")))
          (func (export "sum") (param "x" (list u32)) (result u32)
            (canon lift (core func $m "sum") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
          (func (export "len") (param "x" string) (result u32)
            (canon lift (core func $m "len") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
          (func (export "boom") (canon lift (core func $m "boom")))
          (func (export "posts") (result u32) (canon lift (core func $libc "posts")))
        )
        """;

    /// <summary>Calls host functions of instance "host": <c>add(u32, u32) -> u32</c>, <c>echo(string) -> string</c>,
    /// <c>pair(record) -> record</c> where the record is { name: string, n: u32 }.</summary>
    public const string Host = "(component\n" + """
          (import "host" (instance $host
            (type $p (record (field "name" string) (field "n" u32)))
            (export "pair" (type $pe (eq $p)))
            (export "add" (func (param "a" u32) (param "b" u32) (result u32)))
            (export "echo" (func (param "s" string) (result string)))
            (export "swap" (func (param "p" $pe) (result $pe)))))
          (alias export $host "pair" (type $pair))
        """ + Libc + """
          (core func $add (canon lower (func $host "add")))
          (core func $echo (canon lower (func $host "echo") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
          (core func $swap (canon lower (func $host "swap") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
          (core module $m
            (import "libc" "mem" (memory 1))
            (import "host" "add" (func $add (param i32 i32) (result i32)))
            (import "host" "echo" (func $echo (param i32 i32 i32)))
            (import "host" "swap" (func $swap (param i32 i32 i32 i32)))
            (func (export "call-add") (param i32 i32) (result i32) (call $add (local.get 0) (local.get 1)))
            (func (export "call-echo") (param i32 i32) (result i32)
              (call $echo (local.get 0) (local.get 1) (i32.const 0)) (i32.const 0))
            (func (export "call-swap") (param i32 i32 i32) (result i32)
              (call $swap (local.get 0) (local.get 1) (local.get 2) (i32.const 0)) (i32.const 0)))
          (core instance $m (instantiate $m (with "libc" (instance $libc))
            (with "host" (instance (export "add" (func $add)) (export "echo" (func $echo)) (export "swap" (func $swap))))))
          (func (export "call-add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $m "call-add")))
          (func (export "call-echo") (param "s" string) (result string)
            (canon lift (core func $m "call-echo") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) (post-return (core func $libc "post"))))
          (func (export "call-swap") (param "p" $pair) (result $pair)
            (canon lift (core func $m "call-swap") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) (post-return (core func $libc "post"))))
        )
        """;

    /// <summary>Uses WASI 0.2 from Wasmtime's own implementation: <c>wasi:cli/environment.get-arguments</c> and
    /// <c>wasi:cli/exit.exit</c>.</summary>
    public const string Wasip2 = "(component\n" + """
          (import "wasi:cli/environment@0.2.0" (instance $env
            (export "get-arguments" (func (result (list string))))))
          (import "wasi:cli/exit@0.2.0" (instance $exit
            (export "exit" (func (param "status" (result))))))
        """ + Libc + """
          (core func $args (canon lower (func $env "get-arguments") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
          (core func $exit (canon lower (func $exit "exit")))
          (core module $m
            (import "libc" "mem" (memory 1))
            (import "wasi" "args" (func $args (param i32)))
            (import "wasi" "exit" (func $exit (param i32)))
            (func (export "argc") (result i32) (call $args (i32.const 0)) (i32.load (i32.const 4)))
            (func (export "quit") (param i32) (call $exit (local.get 0))))
          (core instance $m (instantiate $m (with "libc" (instance $libc))
            (with "wasi" (instance (export "args" (func $args)) (export "exit" (func $exit))))))
          (func (export "argc") (result u32) (canon lift (core func $m "argc")))
          (func (export "quit") (param "failed" bool) (canon lift (core func $m "quit")))
        )
        """;
}
