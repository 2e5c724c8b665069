;; A br_table's entries to one block share one edge (issue 17: lowered once per distinct target, not per entry).
;; Every shape of sharing must still branch right: all entries and the default to one block, to one block with
;; values, a few targets repeated many times, and a loop target.

(module
  (func (export "all-same") (param i32) (result i32)
    (block $a
      (br_table $a $a $a $a $a (local.get 0)))
    (i32.const 7))

  (func (export "all-same-value") (param i32) (result i32)
    (block $a (result i32)
      (br_table $a $a $a $a (i32.add (local.get 0) (i32.const 100)) (local.get 0))))

  (func (export "repeated") (param i32) (result i32)
    (block $d
      (block $c
        (block $b
          (block $a
            (br_table $a $b $a $c $b $a $c $c $b $a $d (local.get 0)))
          (return (i32.const 10)))
        (return (i32.const 11)))
      (return (i32.const 12)))
    (i32.const 13))

  (func (export "loop-count") (param i32) (result i32)
    (local $n i32)
    (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (block $out
        (br_table $l $l $l $out
          (select (i32.const 1) (i32.const 3) (i32.ge_s (local.get 0) (i32.const 1))))))
    (local.get $n))
)

(assert_return (invoke "all-same" (i32.const 0)) (i32.const 7))
(assert_return (invoke "all-same" (i32.const 3)) (i32.const 7))
(assert_return (invoke "all-same" (i32.const -1)) (i32.const 7))
(assert_return (invoke "all-same-value" (i32.const 2)) (i32.const 102))
(assert_return (invoke "all-same-value" (i32.const 99)) (i32.const 199))
(assert_return (invoke "repeated" (i32.const 0)) (i32.const 10))
(assert_return (invoke "repeated" (i32.const 1)) (i32.const 11))
(assert_return (invoke "repeated" (i32.const 2)) (i32.const 10))
(assert_return (invoke "repeated" (i32.const 3)) (i32.const 12))
(assert_return (invoke "repeated" (i32.const 4)) (i32.const 11))
(assert_return (invoke "repeated" (i32.const 6)) (i32.const 12))
(assert_return (invoke "repeated" (i32.const 9)) (i32.const 10))
(assert_return (invoke "repeated" (i32.const 10)) (i32.const 13))
(assert_return (invoke "repeated" (i32.const 1000)) (i32.const 13))
(assert_return (invoke "loop-count" (i32.const 5)) (i32.const 5))
(assert_return (invoke "loop-count" (i32.const 0)) (i32.const 1))
