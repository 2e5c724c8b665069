;; Components run end to end through `kiln wast`: instantiation, the canonical ABI in both directions,
;; post-return, the always-trap adapter, and the traps the ABI demands.

(component
  (core module $M
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.xor (i32.sub (local.get 2) (i32.const 1)) (i32.const -1))))
      (global.set $bump (i32.add (local.get $p) (local.get 3)))
      (local.get $p))
    ;; echo for any (ptr, len) argument: the result is a pointer to the same pair
    (func (export "echo") (param i32 i32) (result i32)
      (i32.store (i32.const 0) (local.get 0))
      (i32.store (i32.const 4) (local.get 1))
      (i32.const 0))
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    ;; record { a: u8, b: u64 } flattened to (i32, i64): returned through memory
    (func (export "swap") (param i32 i64) (result i32)
      (i64.store (i32.const 16) (i64.extend_i32_u (local.get 0)))
      (i32.store8 (i32.const 24) (i32.wrap_i64 (local.get 1)))
      (i32.const 16))
    ;; variant discriminant as given
    (func (export "disc") (param i32) (result i32) (local.get 0))
    (func (export "char") (param i32) (result i32) (local.get 0)))
  (core instance $m (instantiate $M))
  (type $r0 (record (field "a" u8) (field "b" u64)))
  (export $r "r" (type $r0))
  (type $s0 (record (field "b" u64) (field "a" u8)))
  (export $s "s" (type $s0))
  (type $v0 (variant (case "none") (case "some")))
  (export $v "v" (type $v0))
  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $m "echo") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))))
  (func (export "echo16") (param "s" string) (result string)
    (canon lift (core func $m "echo") (memory (core memory $m "mem")) (realloc (core func $m "realloc")) string-encoding=utf16))
  (func (export "echo-list") (param "l" (list u16)) (result (list u16))
    (canon lift (core func $m "echo") (memory (core memory $m "mem")) (realloc (core func $m "realloc"))))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $m "add")))
  (func (export "swap") (param "r" $r) (result $s) (canon lift (core func $m "swap") (memory (core memory $m "mem"))))
  (func (export "disc") (param "d" u32) (result $v) (canon lift (core func $m "disc")))
  (func (export "char") (param "c" u32) (result char) (canon lift (core func $m "char")))
)

(assert_return (invoke "echo" (str.const "héllo ☃ 😀")) (str.const "héllo ☃ 😀"))
(assert_return (invoke "echo16" (str.const "ツ and 😀")) (str.const "ツ and 😀"))
(assert_return (invoke "echo-list" (list.const (u16.const 1) (u16.const 65535))) (list.const (u16.const 1) (u16.const 65535)))
(assert_return (invoke "add" (u32.const 40) (u32.const 2)) (u32.const 42))
(assert_return (invoke "swap" (record.const (field "a" (u8.const 7)) (field "b" (u64.const 9))))
  (record.const (field "b" (u64.const 7)) (field "a" (u8.const 9))))
(assert_return (invoke "disc" (u32.const 0)) (variant.const "none"))
(assert_return (invoke "char" (u32.const 0x2603)) (char.const "☃"))
(assert_trap (invoke "char" (u32.const 0xd800)) "invalid `char` bit pattern")

(component
  (core module $M (func (export "disc") (param i32) (result i32) (local.get 0)))
  (core instance $m (instantiate $M))
  (type $v0 (variant (case "none") (case "some")))
  (export $v "v" (type $v0))
  (func (export "disc") (param "d" u32) (result $v) (canon lift (core func $m "disc"))))
(assert_trap (invoke "disc" (u32.const 2)) "invalid variant discriminant")

;; post-return runs after the host consumed the result, with the flat result
(component
  (core module $M
    (global $seen (mut i32) (i32.const 0))
    (func (export "f") (result i32) (i32.const 5))
    (func (export "f-post") (param i32) (global.set $seen (i32.add (global.get $seen) (local.get 0))))
    (func (export "seen") (result i32) (global.get $seen)))
  (core instance $m (instantiate $M))
  (func (export "f") (result u32) (canon lift (core func $m "f") (post-return (core func $m "f-post"))))
  (func (export "seen") (result u32) (canon lift (core func $m "seen"))))
(assert_return (invoke "seen") (u32.const 0))
(assert_return (invoke "f") (u32.const 5))
(assert_return (invoke "f") (u32.const 5))
(assert_return (invoke "seen") (u32.const 10))

;; canon lower of a canon lift of the same instance: a function that always traps
(component
  (core module $M (func (export "one") (result i32) (i32.const 1)))
  (core instance $m (instantiate $M))
  (func $one (result u32) (canon lift (core func $m "one")))
  (core func $back (canon lower (func $one)))
  (core module $N
    (import "" "back" (func $back (result i32)))
    (func (export "run") (result i32) (call $back)))
  (core instance $n (instantiate $N (with "" (instance (export "back" (func $back))))))
  (func (export "run") (result u32) (canon lift (core func $n "run"))))
(assert_trap (invoke "run") "degenerate component adapter called")
