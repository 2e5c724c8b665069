;; The component validator through `kiln wast`: definitions must validate, assert_invalid must be
;; rejected with wasmparser's wording.

(component definition
  (core module $m
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0)
    (func (export "f") (param i32 i32)))
  (core instance $i (instantiate $m))
  (func (export "f") (param "s" string)
    (canon lift (core func $i "f") (memory $i "mem") (realloc (func $i "realloc")))))

(assert_invalid
  (component
    (core module $m (func (export "f") (param i32 i32)))
    (core instance $i (instantiate $m))
    (func (export "f") (param "s" string) (canon lift (core func $i "f"))))
  "canonical option `memory` is required")

(assert_invalid
  (component (import "a" (func)) (import "A" (func)))
  "conflicts with previous name")

(assert_invalid
  (component (type $r (resource (rep i32))) (type (func (result (borrow $r)))))
  "function result cannot contain a `borrow` type")

(assert_invalid
  (component
    (component $c (import "f" (func (param "x" u32))))
    (import "g" (func (param "x" string)))
    (instance (instantiate $c (with "f" (func 0)))))
  "type mismatch for import `f`")
