;; The README's first command runs this script: it checks the module, then calls both functions.
(module
  (func $fac-rec (export "fac-rec") (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 1))
      (else (i64.mul (local.get $n) (call $fac-rec (i64.sub (local.get $n) (i64.const 1)))))))
  (func (export "fac-iter") (param $n i64) (result i64)
    (local $acc i64)
    (local.set $acc (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i64.le_u (local.get $n) (i64.const 1)))
        (local.set $acc (i64.mul (local.get $acc) (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))
    (local.get $acc)))

(assert_return (invoke "fac-rec" (i64.const 0)) (i64.const 1))
(assert_return (invoke "fac-rec" (i64.const 20)) (i64.const 2432902008176640000))
(assert_return (invoke "fac-iter" (i64.const 20)) (i64.const 2432902008176640000))
(assert_return (invoke "fac-iter" (i64.const 25)) (i64.const 7034535277573963776))

(assert_invalid
  (module (func (result i64) (i32.const 1)))
  "type mismatch")
(assert_malformed
  (module quote "(func (result i64) (i64.const 1) (i64.add))) )")
  "unexpected token")
