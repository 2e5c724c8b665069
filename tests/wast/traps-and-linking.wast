;; Traps of every kind, stack exhaustion, the spectest host module, register and linking failures.

(module
  (func (export "unreachable") unreachable)
  (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "rem_u") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
  (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func $loop (export "runaway") (call $loop))
  (func $deep (export "deep") (param i64) (result i64)
    (i64.add (call $deep (i64.add (local.get 0) (i64.const 1))) (local.get 0)))
  (func (export "fine") (result i32) (i32.const 1))
)

(assert_trap (invoke "unreachable") "unreachable")
(assert_trap (invoke "div_s" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div_s" (i32.const 0x80000000) (i32.const -1)) "integer overflow")
(assert_return (invoke "div_s" (i32.const -7) (i32.const 2)) (i32.const -3))
(assert_trap (invoke "rem_u" (i64.const 1) (i64.const 0)) "integer divide by zero")
(assert_trap (invoke "trunc" (f64.const nan)) "invalid conversion to integer")
(assert_trap (invoke "trunc" (f64.const 2147483648)) "integer overflow")
(assert_return (invoke "trunc" (f64.const -2147483648.9)) (i32.const -2147483648))
(assert_exhaustion (invoke "runaway") "call stack exhausted")
(assert_exhaustion (invoke "deep" (i64.const 0)) "call stack exhausted")
(assert_return (invoke "fine") (i32.const 1))

;; spectest imports
(module
  (import "spectest" "print_i32" (func $print_i32 (param i32)))
  (import "spectest" "global_i32" (global $gi i32))
  (import "spectest" "global_f64" (global $gf f64))
  (import "spectest" "table" (table 10 20 funcref))
  (import "spectest" "memory" (memory 1 2))
  (func (export "go") (result i32) (call $print_i32 (global.get $gi)) (global.get $gi))
  (func (export "gf") (result f64) (global.get $gf))
  (func (export "table-size") (result i32) (table.size))
  (func (export "mem-size") (result i32) (memory.size))
)
(assert_return (invoke "go") (i32.const 666))
(assert_return (invoke "gf") (f64.const 666.6))
(assert_return (invoke "table-size") (i32.const 10))
(assert_return (invoke "mem-size") (i32.const 1))

;; register, then import from the registered instance; state is shared
(module $counter
  (global $n (export "n") (mut i32) (i32.const 0))
  (func (export "next") (result i32) (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n))
)
(register "counter" $counter)
(module $user
  (import "counter" "next" (func $next (result i32)))
  (import "counter" "n" (global $n (mut i32)))
  (func (export "twice") (result i32) (drop (call $next)) (call $next))
  (func (export "n") (result i32) (global.get $n))
)
(assert_return (invoke $user "twice") (i32.const 2))
(assert_return (invoke $counter "next") (i32.const 3))
(assert_return (invoke $user "n") (i32.const 3))
(assert_return (get $counter "n") (i32.const 3))

(assert_unlinkable (module (import "counter" "missing" (func))) "unknown import")
(assert_unlinkable (module (import "counter" "next" (func (param i32)))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "memory" (memory 3))) "incompatible import type")

;; instantiation traps: in a segment, and in the start function
(assert_trap (module (memory 1) (data (i32.const 65535) "ab")) "out of bounds memory access")
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
(assert_uninstantiable (module (func $s (drop (i32.div_u (i32.const 1) (i32.const 0)))) (start $s)) "integer divide by zero")
