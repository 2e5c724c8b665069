;; Exception handling (Wasm 3.0): tags, throw, throw_ref, try_table with every catch clause, exnref values kept in
;; globals and rethrown later, tags shared between instances by import, and exceptions that reach the host.

(module $lib
  (tag $oops (export "oops") (param i32 i64))
  (tag $plain (export "plain"))
  (func (export "fail") (param i32) (throw $oops (local.get 0) (i64.const -9)))
  (func (export "fail-plain") (throw $plain)))
(register "lib" $lib)

(module $user
  (import "lib" "oops" (tag $oops (param i32 i64)))
  (import "lib" "fail" (func $fail (param i32)))
  (import "lib" "fail-plain" (func $fail-plain))
  (tag $own (param f64))
  (global $saved (mut exnref) (ref.null exn))

  ;; The payload of an exception thrown by another instance, caught by the tag that instance exported.
  (func (export "sum-payload") (param i32) (result i64)
    (local $b i64)
    (block $h (result i32 i64)
      (try_table (catch $oops $h) (call $fail (local.get 0)))
      (return (i64.const 0)))
    (local.set $b)
    (i64.add (i64.extend_i32_s) (local.get $b)))

  ;; Nested handlers: the inner one only takes $own, so $oops goes on to the outer one.
  (func (export "nested") (param i32) (result i32)
    (block $outer (result i32 i64)
      (try_table (catch $oops $outer)
        (block $inner (result f64)
          (try_table (catch $own $inner)
            (if (local.get 0) (then (call $fail (i32.const 5))) (else (throw $own (f64.const 2.5)))))
          (return (i32.const -1)))
        (return (i32.trunc_f64_s)))
      (return (i32.const -2)))
    (drop))

  ;; catch_all_ref keeps the exception; a later call rethrows it.
  (func (export "stash") (result i32)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (call $fail-plain))
      (return (i32.const 0)))
    (global.set $saved)
    (i32.const 1))
  (func (export "rethrow-saved") (throw_ref (global.get $saved)))
  (func (export "saved-is-null") (result i32) (ref.is_null (global.get $saved)))

  ;; A try_table in a loop, and a value on the stack under a handler's block.
  (func (export "loop") (param i32) (result i32)
    (local $n i32) (local $acc i32)
    (loop $again
      (block $h (result i32 i64)
        (try_table (catch $oops $h) (call $fail (local.get $n)))
        (unreachable))
      (drop)
      (local.set $acc (i32.add (local.get $acc)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $n) (local.get 0))))
    (i32.add (i32.const 1000) (local.get $acc)))
  (func (export "under") (result i32)
    (i32.const 1000)
    (block $h (result i32 i64)
      (try_table (catch $oops $h) (call $fail (i32.const 7)))
      (unreachable))
    (drop)
    (i32.add))

  ;; throw_ref of null traps; it is not an exception.
  (func (export "throw-null") (throw_ref (ref.null exn))))

(assert_return (invoke "sum-payload" (i32.const 4)) (i64.const -5))
(assert_return (invoke "nested" (i32.const 0)) (i32.const 2))
(assert_return (invoke "nested" (i32.const 1)) (i32.const 5))
(assert_return (invoke "saved-is-null") (i32.const 1))
(assert_trap (invoke "rethrow-saved") "null")
(assert_return (invoke "stash") (i32.const 1))
(assert_return (invoke "saved-is-null") (i32.const 0))
(assert_exception (invoke "rethrow-saved"))
(assert_exception (invoke $lib "fail" (i32.const 1)))
(assert_return (invoke "loop" (i32.const 3)) (i32.const 1003))
(assert_return (invoke "under") (i32.const 1007))
(assert_trap (invoke "throw-null") "null")

(assert_invalid (module (tag (param i32)) (func (try_table (catch 0 0)))) "type mismatch")
(assert_malformed (module quote "(module (func (try (do))))") "legacy exception handling")
